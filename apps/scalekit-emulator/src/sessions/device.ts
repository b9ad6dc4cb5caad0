// The device a session started from, read from its user agent with bowser (loaded on first use,
// so start-up does not pay for it).
import { createRequire } from 'node:module';

export interface Device {
  userAgent: string;
  os: string;
  osVersion: string;
  browser: string;
  browserVersion: string;
  deviceType: 'desktop' | 'mobile' | 'tablet' | 'other';
  ip: string;
}

interface ParsedAgent {
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  platform: { type?: string };
}

interface Bowser {
  parse(userAgent: string): ParsedAgent;
}

const load = createRequire(import.meta.url);
let bowser: Bowser | undefined;

function deviceTypeOf(platform: string | undefined): Device['deviceType'] {
  return platform === 'desktop' || platform === 'mobile' || platform === 'tablet'
    ? platform
    : 'other';
}

export function describeDevice(userAgent: string, ip: string): Device {
  // bowser refuses an empty user agent; nothing can be said about such a device anyway.
  if (userAgent.trim() === '') {
    return {
      userAgent,
      os: '',
      osVersion: '',
      browser: '',
      browserVersion: '',
      deviceType: 'other',
      ip,
    };
  }
  bowser ??= load('bowser') as Bowser;
  const parsed = bowser.parse(userAgent);
  return {
    userAgent,
    os: parsed.os.name ?? '',
    osVersion: parsed.os.version ?? '',
    browser: parsed.browser.name ?? '',
    browserVersion: parsed.browser.version ?? '',
    deviceType: deviceTypeOf(parsed.platform.type),
    ip,
  };
}
