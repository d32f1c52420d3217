/** Regions where Kinesis Video Streams is offered: the choices of "Show or Hide Regions". */
export const KVS_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
];

/** The profile's own region first, then the user's additions and the setting, each once, in that order. */
export function regionsToShow(
  profileRegion: string | undefined,
  added: readonly string[],
  fromSetting: readonly string[],
): string[] {
  const out: string[] = [];
  for (const r of [profileRegion, ...added, ...fromSetting]) {
    const region = r?.trim();
    if (region && !out.includes(region)) out.push(region);
  }
  return out;
}
