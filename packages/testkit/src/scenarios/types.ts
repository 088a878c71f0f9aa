import type { Driver } from '../recorder/driver.js';

/**
 * `tuning` scenarios may be looked at while tuning the detector; `validation` ones never are (bench
 * reports them apart): a detector that only fits the tuning set shows there.
 */
export type Split = 'tuning' | 'validation';

export interface Scenario {
  name: string;
  description: string;
  /** Path the recording starts on. */
  start: string;
  split: Split;
  /** `window`: a whole browser window (tab strip with the title, address bar with the URL) around the page. Default: the page alone. */
  frame?: 'page' | 'window';
  /**
   * `none`: the capture draws no pointer sprite, as a browser's tab capture does (the page's hover styles and the
   * caret still show). Default `drawn`.
   */
  pointer?: 'drawn' | 'none';
  /** The demo app's theme at the start (default light). */
  theme?: 'light' | 'dark';
  run(d: Driver): Promise<void>;
}
