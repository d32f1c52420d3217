import { ProfileNode } from './profile-node';
import { RegionNode } from './region-node';

/** Commands get their node from menus, or plain values from the palette and tests: accept both. */
export function profileNameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof ProfileNode) return arg.profile.name;
  return undefined;
}

export function regionNodeOf(arg: unknown): RegionNode | undefined {
  return arg instanceof RegionNode ? arg : undefined;
}
