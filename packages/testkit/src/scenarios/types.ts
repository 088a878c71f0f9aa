import type { Driver } from '../recorder/driver.js';

export interface Scenario {
  name: string;
  description: string;
  /** Path the recording starts on. */
  start: string;
  run(d: Driver): Promise<void>;
}
