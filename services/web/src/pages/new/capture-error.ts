/**
 * What to tell the user when getDisplayMedia fails, by the DOMException's name: browsers give raw
 * messages ("Could not start video source") that say nothing about what to do. Null means no error
 * to show (cancelling the browser's picker is a choice).
 */
export function captureErrorMessage(err: unknown): string | null {
  const name = err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
      return null;
    case 'NotReadableError':
      return 'The browser could not start capturing the screen. Another app may be using it, or your system does not allow this browser to record the screen: check its screen-recording permission, then try again.';
    case 'NotFoundError':
      return 'There is no screen, window or tab to record.';
    case 'AbortError':
      return 'Screen capture was interrupted before it started. Try again.';
    case 'NotSupportedError':
    case 'InvalidStateError':
    case 'TypeError':
      return 'This browser cannot record the screen from this page (it needs https:// or localhost). Upload a file instead.';
    default: {
      const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
      return `Screen recording could not start${detail}. Try again, or upload a file instead.`;
    }
  }
}
