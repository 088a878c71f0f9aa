import { darkSettingsWindow } from './dark-settings-window.js';
import { fullTour } from './full-tour.js';
import { idleCursorOnly } from './idle-cursor-only.js';
import { inboxIdle } from './inbox-idle.js';
import { loadsAndFocus } from './loads-and-focus.js';
import { loginFlow } from './login-flow.js';
import { modalConfirm } from './modal-confirm.js';
import { orderBursts } from './order-bursts.js';
import { smoke } from './smoke.js';
import { spinnerAndRedirect } from './spinner-and-redirect.js';
import { tabCaptureSettings } from './tab-capture-settings.js';
import { tabCaptureTasks } from './tab-capture-tasks.js';
import { tabsAndDropdown } from './tabs-and-dropdown.js';
import { toastAndList } from './toast-and-list.js';
import type { Scenario } from './types.js';
import { validationErrors } from './validation-errors.js';
import { vCheckoutDark } from './v-checkout-dark.js';
import { vInboxWindow } from './v-inbox-window.js';
import { vSettingsBursts } from './v-settings-bursts.js';
import { vTabCaptureLogin } from './v-tab-capture-login.js';
import { vTasksHover } from './v-tasks-hover.js';

export type { Scenario, Split } from './types.js';

/**
 * The full-length scenarios (20–60 s each), 'smoke' (~5 s, for fast tests), then the validation split:
 * scenarios nobody looks at while tuning the detector (`split: 'validation'`; bench reports them apart).
 */
export const SCENARIOS: readonly Scenario[] = [
  loginFlow, validationErrors, modalConfirm, toastAndList, tabsAndDropdown, spinnerAndRedirect, idleCursorOnly, fullTour,
  orderBursts, inboxIdle, darkSettingsWindow, tabCaptureTasks, tabCaptureSettings, loadsAndFocus, smoke,
  vCheckoutDark, vInboxWindow, vSettingsBursts, vTasksHover, vTabCaptureLogin,
];

export function getScenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scenario "${name}"; known: ${SCENARIOS.map((x) => x.name).join(', ')}`);
  return s;
}
