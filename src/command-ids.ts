/** Command ids shared by package.json, the explorer and the inspector (they never import each other). */
export const CommandId = {
  /** Argument: a StreamRef (src/aws/client-factory.ts) or an explorer stream node exposing `streamRef`. */
  inspectStream: 'kvsInspector.inspectStream',
  inspectCaptureFile: 'kvsInspector.inspectCaptureFile',
  /** Argument: a StreamRef or an explorer stream node, as for inspectStream. */
  browseFragments: 'kvsInspector.browseFragments',
  refresh: 'kvsInspector.refresh',
  copyStreamName: 'kvsInspector.copyStreamName',
  copyStreamArn: 'kvsInspector.copyStreamArn',
  switchProfile: 'kvsInspector.switchProfile',
  showOrHideRegions: 'kvsInspector.showOrHideRegions',
  filterStreams: 'kvsInspector.filterStreams',
  startDemoStreams: 'kvsInspector.startDemoStreams',
  stopDemoStreams: 'kvsInspector.stopDemoStreams',
  showLogs: 'kvsInspector.showLogs',
  /** Argument: a profile name. Opens a terminal running `aws sso login --profile NAME`. */
  signIn: 'kvsInspector.signIn',
} as const;

/** Context keys set on real events: the welcome view and the walkthrough's completion events read them. */
export const ContextKey = {
  profilesLoaded: 'kvsInspector.profilesLoaded',
  hasProfiles: 'kvsInspector.hasProfiles',
  demoRunning: 'kvsInspector.demoRunning',
  tokenCopied: 'kvsInspector.tokenCopied',
  captureOpened: 'kvsInspector.captureOpened',
} as const;

export const ViewId = {
  container: 'kvsInspector',
  streams: 'kvsInspector.streams',
} as const;

export const CAPTURE_EDITOR_VIEW_TYPE = 'kvsInspector.captureFile';
