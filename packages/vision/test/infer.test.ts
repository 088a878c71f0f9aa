import { describe, expect, it } from 'vitest';
import { inferFrames, inferredTimeline, toLines, urlFromText, type KeyframeReading, type Look, type Scene, type Word } from '../src/index.js';

const W = 1280;
const H = 720;
/** Words of a line laid out at (x, y), ~9 px per character, 16 px high. */
function line(text: string, x: number, y: number, confidence = 0.9): Word[] {
  const words: Word[] = [];
  let cx = x;
  for (const t of text.split(' ')) {
    words.push({ text: t, confidence, box: { x: cx, y, w: t.length * 9, h: 16 } });
    cx += t.length * 9 + 6;
  }
  return words;
}
const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const scene = (pointer: Scene['pointer'] = [], seedUrl?: string): Scene => ({ width: W, height: H, pointer, seedUrl });
const full = (timestamp: number, words: Word[]): KeyframeReading => ({ timestamp, regions: [], words, areas: null });
const part = (timestamp: number, region: { x: number; y: number; w: number; h: number }, words: Word[]): KeyframeReading => ({
  timestamp,
  regions: [region],
  words,
  areas: [region],
});

const signIn = [...line('Email', 400, 200), ...line('Password', 400, 280), ...line('Sign in', 420, 360)];

describe('lines', () => {
  it('groups words on a row into lines, and keeps far-apart labels apart', () => {
    const lines = toLines([...line('Save changes', 100, 100), ...line('Cancel', 400, 100), ...line('noise', 100, 300, 0.2)]);
    expect(lines.map((l) => l.text)).toEqual(['Save changes', 'Cancel']);
  });
});

describe('urls in an address bar', () => {
  it.each([
    ['localhost:5173/login', 'http://localhost:5173/login'],
    ['https://shop.example.com/cart?x=1', 'https://shop.example.com/cart?x=1'],
    ['Not secure | 10.0.0.5:8080/admin', 'http://10.0.0.5:8080/admin'],
    ['app.test/dashboard', 'https://app.test/dashboard'],
  ])('%s → %s', (text, url) => expect(urlFromText(text)).toBe(url));

  it('takes the seed URL’s scheme for its host, and refuses words that are not addresses', () => {
    expect(urlFromText('app.test/dashboard', 'http://app.test/login')).toBe('http://app.test/dashboard');
    for (const text of ['e.g.', 'v1.2', 'Sign in', 'total 3.50', 'x'.repeat(600) + '.com/a']) expect(urlFromText(text)).toBeNull();
  });

  it('is linear on long hostile text', () => {
    const t0 = performance.now();
    urlFromText(`${'a.'.repeat(20_000)}!`);
    urlFromText('a-'.repeat(50_000));
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('inference', () => {
  it('a click: the pointer at rest on a label when the change began; the change in words', () => {
    const pointer = [{ t: 900, x: 300, y: 300 }, { t: 1800, x: 440, y: 368 }];
    const frames = inferFrames(
      [full(0, signIn), part(2500, box(380, 400, 400, 40), line('Incorrect email or password', 400, 410))],
      scene(pointer),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'button', name: 'Sign in', source: 'video' });
    expect(frames[1]!.action!.confidence).toBeGreaterThanOrEqual(0.7);
    expect(frames[1]!.changes).toEqual(['text "Incorrect email or password" appeared in the centre']);
  });

  it('a state that came back: says what showed in between and for how long, and still names the click', () => {
    const alert = [...line('Could not load reports.', 300, 300), ...line('Retry', 320, 360)];
    const pointer = [{ t: 900, x: 200, y: 200 }, { t: 2000, x: 335, y: 368 }];
    const back = { ...part(3600, box(300, 350, 120, 40), line('Retry', 320, 360)), fromMs: 3300, returned: { fromMs: 2600, untilMs: 3300, box: box(300, 350, 100, 40) } };
    const frames = inferFrames([full(0, alert), back], scene(pointer));
    expect(frames[1]!.changes[0]).toBe('the screen showed something else at the left for 0.7 s (from 2.6 s; it never held still, as while loading), then came back as it was');
    expect(frames[1]!.changes.slice(1)).toEqual(['the screen changed at the left (no text there changed)']); // the button lit under the pointer
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Retry' });
    // With no pointer drawn, the place that came back names the control: the one label in it.
    const noPointer = inferFrames([full(0, alert), back], scene());
    expect(noPointer[1]!.action).toMatchObject({ type: 'click', name: 'Retry', t: 2600 });
    // A place holding two labels, or a view's worth of screen, names none: the keyframe reads as it would without it.
    const plain = inferFrames([full(0, alert), { ...back, returned: undefined }], scene())[1]!.action;
    expect(plain).not.toMatchObject({ name: 'Retry' });
    for (const place of [box(280, 280, 200, 130), box(0, 0, 640, 480)]) {
      expect(inferFrames([full(0, alert), { ...back, returned: { ...back.returned, box: place } }], scene())[1]!.action).toEqual(plain);
    }
    // Without it, the same keyframe says nothing changed.
    expect(inferFrames([full(0, alert), { ...back, returned: undefined }], scene(pointer))[1]!.changes).toEqual(['the screen changed at the left (no text there changed)']);
  });

  it('typing: text growing in a field is one fill, named by its label; the timeline keeps one step per field', () => {
    const field = box(400, 220, 300, 30);
    const frames = inferFrames(
      [full(0, signIn), part(1000, field, line('ada@exa', 405, 225)), part(2000, field, line('ada@example.com', 405, 225))],
      scene(),
    );
    expect(frames[2]!.action).toMatchObject({ type: 'fill', role: 'textbox', name: 'Email', value: 'ada@example.com', source: 'video' });
    expect(inferredTimeline(frames)).toEqual([frames[2]!.action]);
  });

  it('a password typed is never read back: its dots become a masked fill and no text', () => {
    const frames = inferFrames([full(0, signIn), part(1500, box(400, 300, 300, 30), line('••••••••••', 405, 305))], scene());
    expect(frames[1]!.action).toMatchObject({ type: 'fill', name: 'Password', value: '••••••' });
    expect(frames[1]!.changes).toEqual(['a password field was filled in the centre']);
    expect(JSON.stringify(frames)).not.toContain('••••••••••');
  });

  it('a counter ticking is a change, not typing', () => {
    const frames = inferFrames(
      [full(0, [...line('Quantity', 400, 200), ...line('1', 500, 200)]), part(800, box(490, 195, 30, 30), line('2', 500, 200))],
      scene(),
    );
    expect(frames[1]!.action).toBeNull();
    expect(frames[1]!.changes).toEqual(['"1" → "2" at the top']);
  });

  it('a scroll: the same lines all moved up by the same height', () => {
    const rows = (dy: number) => [0, 1, 2, 3, 4, 5].flatMap((i) => line(`Order number ${1000 + i}`, 100, 150 + i * 60 - dy));
    const frames = inferFrames([full(0, rows(0)), { timestamp: 1200, regions: [box(0, 80, W, H - 80)], words: rows(120), areas: null }], scene());
    expect(frames[1]!.action).toMatchObject({ type: 'scroll', dy: 120 });
  });

  it('a navigation: the address bar shows a new URL; the tab strip gives the title', () => {
    const chrome = (url: string, title: string) => [...line(title, 20, 8), ...line(url, 160, 48)];
    const frames = inferFrames(
      [full(0, [...chrome('localhost:5173/login', 'Sign in - Shop'), ...signIn]), { timestamp: 3000, regions: [box(0, 0, W, H)], words: [...chrome('localhost:5173/dashboard', 'Dashboard - Shop'), ...line('Welcome back, Ada', 400, 200)], areas: null }],
      scene([], 'http://localhost:5173/login'),
    );
    expect(frames[0]).toMatchObject({ url: 'http://localhost:5173/login', pageTitle: 'Sign in - Shop' });
    expect(frames[1]).toMatchObject({ url: 'http://localhost:5173/dashboard', pageTitle: 'Dashboard - Shop' });
    expect(frames[1]!.action).toMatchObject({ type: 'navigate', url: 'http://localhost:5173/dashboard' });
    expect(frames[1]!.changes[0]).toBe('the address bar shows http://localhost:5173/dashboard');
  });

  it('a toast showing and hiding: two frames, "appeared" then "disappeared", with no action from a pointer far away', () => {
    const toast = box(900, 620, 340, 60);
    const frames = inferFrames(
      [full(0, signIn), part(1000, toast, line('Saved', 920, 640)), part(4000, toast, [])],
      scene([{ t: 100, x: 50, y: 50 }]),
    );
    expect(frames.map((f) => f.changes)).toEqual([[], ['text "Saved" appeared at the bottom right'], ['text "Saved" disappeared at the bottom right']]);
    expect(frames.map((f) => f.action)).toEqual([null, null, null]);
  });

  it('a pointer still since the last keyframe clicks again where the screen changes beside it, not when a toast comes and goes', () => {
    // Clicked "Place order" at 1000; then, the pointer still on it, the toast shows and hides far away.
    const page = [...line('Quantity', 400, 200), ...line('+', 520, 200), ...line('1', 500, 200), ...line('Place order', 420, 500)];
    const toast = box(900, 620, 340, 60);
    const frames = inferFrames(
      [full(0, page), part(1000, box(410, 490, 120, 36), line('Place order', 420, 500)), part(2500, toast, line('Order placed', 920, 640)), part(5000, toast, [])],
      scene([{ t: 600, x: 300, y: 400 }, { t: 800, x: 450, y: 508 }]),
    );
    expect(frames.map((f) => f.action?.type === 'click' && f.action.name)).toEqual([false, 'Place order', false, false]);
    // A stepper clicked again, the pointer still on "+": the number beside it changed.
    const stepper = inferFrames(
      [full(0, page), part(1000, box(495, 195, 20, 26), line('2', 500, 200)), part(1300, box(495, 195, 20, 26), line('3', 500, 200))],
      scene([{ t: 600, x: 300, y: 300 }, { t: 800, x: 522, y: 208 }]),
    );
    expect(stepper.map((f) => f.action?.type)).toEqual([undefined, 'click', 'click']);
  });

  it('a control that answers late: the pointer lost heading into it (turned into a hand), then resting elsewhere', () => {
    const page = [...line('Recent activity', 220, 370), ...line('Refresh', 991, 365), ...line('2 h ago', 1011, 461), ...line('Ada created a task', 221, 545)];
    // Heading right and up into Refresh at 1100 ms, lost there; found again far off, resting on a row at 1900 ms.
    const pointer = [{ t: 1000, x: 700, y: 500 }, { t: 1100, x: 850, y: 430 }, { t: 1800, x: 220, y: 550 }, { t: 1900, x: 222, y: 552 }];
    const answer = {
      timestamp: 3000,
      fromMs: 2900,
      regions: [box(960, 352, 128, 40), box(192, 416, 880, 160)],
      words: [...line('Refregh', 991, 365), ...line('just now', 1004, 419), ...line('Ada created a task', 221, 545)],
      areas: [box(960, 352, 128, 40), box(192, 416, 880, 160)],
    };
    const frames = inferFrames([full(0, page), answer], scene(pointer));
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Refresh', confidence: 0.4 });
  });

  it('a sign-in form: a field clicked under an I-beam read as "1", a label read in part, a button turned busy', () => {
    // The pointer rests in the Email field as its ring draws (the I-beam read as a "1" beside it); later the focus
    // ring over Password's start leaves "word" read there; the pointer is lost over the button that says
    // "Signing in..." (OCR reads its end only).
    const form = [...line('Email', 456, 292), ...line('Password', 456, 376), ...line('Sign in', 473, 507)];
    const pointer = [{ t: 1700, x: 600, y: 330 }, { t: 1800, x: 629, y: 336 }, { t: 3900, x: 587, y: 421 }, { t: 4000, x: 590, y: 425 }];
    const frames = inferFrames(
      [
        full(0, form),
        part(2200, box(448, 288, 384, 80), line('1', 624, 324)),
        part(4300, box(448, 360, 384, 90), line('word', 492, 376)),
        part(5000, box(448, 480, 192, 64), line('in...', 565, 507)),
      ],
      scene(pointer),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'textbox', name: 'Email' });
    expect(frames[2]!.action).toMatchObject({ type: 'click', role: 'textbox', name: 'Password' });
    expect(frames[3]!.action).toMatchObject({ type: 'click', name: 'Sign in', confidence: 0.6 });
  });

  it('a dialog: a panel of several lines appearing over the content', () => {
    const panel = box(390, 200, 500, 300);
    const frames = inferFrames(
      [full(0, signIn), part(1000, panel, [...line('Delete this order?', 420, 230), ...line('This cannot be undone.', 420, 270), ...line('Delete', 700, 450)])],
      scene(),
    );
    expect(frames[1]!.changes).toContain('a panel appeared in the centre (a dialog, menu or popover) starting with "Delete this order?"');
  });

  it('without a pointer, a small control whose look changed beside a bigger change is what was clicked', () => {
    const frames = inferFrames(
      [full(0, signIn), { timestamp: 900, regions: [box(410, 350, 90, 36), box(380, 400, 400, 40)], words: [...line('Sign in', 420, 360), ...line('Welcome back', 400, 410)], areas: [box(410, 350, 90, 36), box(380, 400, 400, 40)] }],
      scene([]),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Sign in', confidence: 0.4 });
  });

  it('without a pointer, the tab that became selected (darker, bold) is what was clicked, not the one it left nor its panel', () => {
    const grey: Look = { ground: [245, 246, 250], ink: [110, 116, 130], stroke: 1.9 };
    const chosen: Look = { ground: [245, 246, 250], ink: [35, 43, 57], stroke: 3.7 };
    const tabs = (selected: string) =>
      [line('Profile', 235, 200), line('Notifications', 334, 200), line('Appearance', 487, 200)].map((ws) => ws.map((w) => ({ ...w, look: w.text === selected ? chosen : grey })));
    const panel = (lines: string[]) => lines.flatMap((text, i) => line(text, 244, 257 + 38 * i));
    const profile = ['Display name', 'Ada Lovelace', 'Bio', 'Save profile'];
    const notifications = ['Email notifications', 'Weekly digest', 'Mentions only', 'Save preferences'];
    const frames = inferFrames(
      [
        full(0, [...tabs('Profile').flat(), ...panel(profile)]),
        // The selection moves to Notifications: both tabs restyled, the panel replaced.
        part(1000, box(190, 180, 420, 240), [...tabs('Notifications').flat(), ...panel(notifications)]),
        // A hover shade on Appearance only (no tab lost its selection): nothing to name by looks.
        part(2000, box(475, 180, 120, 40), tabs('Notifications')[2]!.map((w) => ({ ...w, look: { ...grey, ground: [229, 231, 235] as const } }))),
      ],
      scene([]),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Notifications', confidence: 0.4 });
    expect(frames[2]!.action).toBeNull();
  });

  it('the same without looks measured (an older reader): no tab is named rather than a wrong one', () => {
    const tabs = [...line('Profile', 235, 200), ...line('Notifications', 334, 200), ...line('Appearance', 487, 200)];
    const panel = (lines: string[]) => lines.flatMap((text, i) => line(text, 244, 257 + 38 * i));
    const frames = inferFrames(
      [
        full(0, [...tabs, ...panel(['Display name', 'Ada Lovelace', 'Bio', 'Save profile'])]),
        part(1000, box(190, 180, 420, 240), [...tabs, ...panel(['Email notifications', 'Weekly digest', 'Mentions only', 'Save preferences'])]),
      ],
      scene([]),
    );
    expect(frames[1]!.action).toBeNull();
  });

  it('without a pointer, a box or radio that changed is named by the label beside it, not a focus ring leaving a tab', () => {
    const tabs = [...line('Profile', 235, 200), ...line('Notifications', 317, 200)];
    const options = [...line('Weekly digest', 244, 294), ...line('Mentions only', 244, 333)];
    const frames = inferFrames(
      [
        // The profile tab shows a "Bio" field where the notification options go: read once, it is no label now.
        full(0, [...tabs, ...line('Bio', 214, 350)]),
        part(1000, box(190, 240, 370, 180), [...line('Email notifications', 244, 257), ...options]),
        // The radio's dot and ring drawn; the focus ring leaves the tab clicked before (a band, as a field's is).
        {
          timestamp: 2000,
          regions: [box(288, 160, 160, 64), box(192, 320, 64, 64)],
          words: [...tabs, ...line('Mentions only', 244, 333)],
          areas: [box(88, 148, 560, 88), box(0, 308, 456, 88)],
        },
      ],
      scene([]),
    );
    expect(frames[2]!.action).toMatchObject({ type: 'click', name: 'Mentions only', confidence: 0.4 });
    // A caret blinking before a value typed into a field is no box beside its label.
    const typed = inferFrames(
      [
        full(0, signIn),
        part(1000, box(400, 215, 300, 40), line('lin@example.com', 410, 225)),
        { timestamp: 2000, regions: [box(396, 216, 24, 40)], words: line('lin@example.com', 410, 225), areas: [box(380, 200, 400, 70)] },
      ],
      scene([]),
    );
    expect(typed[1]!.action).toMatchObject({ type: 'fill', value: 'lin@example.com' });
    expect(JSON.stringify(typed[2]!.action)).not.toContain('"name":"lin@example.com"');
  });

  describe('a recording that draws no pointer (a tab capture): the change itself names what was done', () => {
    // A task list: a sidebar with the app's views, a "New task" field with its button, two rows with a Delete each.
    const nav = [...line('Tasks', 20, 100), ...line('Settings', 20, 140)];
    const rows = [...line('Review pull requests', 230, 400), ...line('Delete', 1000, 400), ...line('Book team offsite', 230, 440), ...line('Delete', 1000, 440)];
    const tasks = [...nav, ...line('Tasks', 200, 40), ...line('New task', 230, 200), ...line('What needs doing?', 231, 240), ...line('Add task', 1000, 240), ...rows];
    const fieldBox = box(190, 228, 780, 40);
    const listBox = box(190, 380, 1000, 140);
    const focused = part(1000, fieldBox, line('(na needs doing?', 231, 240));
    const typed = part(2000, fieldBox, line('Pay the ren', 231, 240));
    // Sent: the placeholder back, the new row read in part at first (it slides in), a toast.
    const newRow = box(190, 470, 1000, 36);
    const sent = {
      timestamp: 3000,
      regions: [fieldBox, newRow, box(980, 630, 260, 50)],
      words: [...line('What needs doing?', 231, 240), ...line('O Pay', 230, 480), ...line('Delete', 1000, 480), ...line('Task added', 1000, 640)],
      areas: [fieldBox, newRow, box(980, 630, 260, 50)],
    };
    const rowDone = part(4000, box(190, 470, 400, 36), line('Pay the rent', 230, 480));

    it('a field whose text is read worse (its focus ring drawn) was clicked into; typing fills it; its placeholder back means it was sent by its button', () => {
      const frames = inferFrames([full(0, tasks), focused, typed, sent, rowDone], scene([]));
      expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'textbox', name: 'New task' });
      expect(frames[2]!.action).toMatchObject({ type: 'fill', name: 'New task' });
      expect(frames[3]!.action).toMatchObject({ type: 'click', name: 'Add task', confidence: 0.35 });
      // The value, its last letter lost under the caret, is read whole where it went a keyframe later.
      expect(frames[2]!.action).toMatchObject({ value: 'Pay the rent' });
      expect(frames[4]!.action).toBeNull();
    });

    it('an email typed over a placeholder much like it is a value, not the placeholder read worse', () => {
      const login = [...line('Email', 456, 292), ...line('name@example.com', 469, 325), ...line('Password', 456, 376)];
      const field = box(448, 310, 384, 40);
      const frames = inferFrames([full(0, login), part(1000, field, line('name@example.com', 469, 325)), part(2000, field, line('ada@example.com', 469, 325))], scene([]));
      expect(inferredTimeline(frames).find((a) => a.type === 'fill')).toMatchObject({ name: 'Email', value: 'ada@example.com' });
    });

    it('a value typed as the errors under a form clear is still typing, not a new view', () => {
      const form = [...line('Name', 456, 200), ...line('Your name', 469, 230), ...line('Name is required.', 469, 262), ...line('Email is required.', 469, 342), ...line('Phone is required.', 469, 422)];
      const regions = [box(448, 220, 384, 30), box(460, 255, 200, 24), box(460, 335, 200, 24), box(460, 415, 200, 24)];
      const frames = inferFrames([full(0, form), { timestamp: 1000, regions, words: line('Ada King', 469, 230), areas: regions }], scene([]));
      expect(frames[1]!.action).toMatchObject({ type: 'fill', name: 'Name', value: 'Ada King' });
    });

    it('a dialog quoting a row of the page: the click was the button on that row', () => {
      const dialog = box(400, 250, 480, 200);
      const frames = inferFrames(
        [full(0, tasks), part(1000, dialog, [...line('Delete task?', 420, 260), ...line('“Review pull requests” will be removed.', 420, 300), ...line('Cancel', 700, 400)])],
        scene([]),
      );
      expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Delete', confidence: 0.4 });
    });

    it('a new view titled as a sidebar link that stayed: the click was on that link, and the view swapped is no typing', () => {
      const main = box(180, 20, 1090, 680);
      const settings = [
        ...line('Settings', 200, 40),
        ...line('Manage your profile and notifications.', 200, 70),
        ...line('Profile', 230, 200),
        ...line('Display name', 230, 240),
        ...line('Ada Lovelace', 230, 280),
      ];
      const frames = inferFrames([full(0, [...tasks, ...line('Everything on your plate.', 200, 70)]), part(1000, main, settings)], scene([]));
      expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Settings', confidence: 0.4 });
      // A row's Delete repeated down a list names no view: a new row's Delete is no click on another's.
      const grown = inferFrames([full(0, tasks), part(1000, listBox, [...rows, ...line('Water plants', 230, 480), ...line('Delete', 1000, 480)])], scene([]));
      expect(grown[1]!.action?.type === 'click' && grown[1]!.action.name).not.toBe('Delete');
    });
  });

  describe('no pointer: lists and menus', () => {
    const list = [...line('Write report', 230, 400), ...line('Delete', 1000, 400), ...line('Load more', 230, 450)];
    const settings = [...line('Theme', 220, 240), ...line('Light', 235, 276), ...line('Compact mode', 270, 342)];

    it('a "Load more" replaced by the next rows where it was: the click was on it; a form below a field is no menu', () => {
      const more = [...line('Backlog item 1', 230, 450), ...line('Delete', 1000, 450), ...line('Backlog item 2', 230, 500), ...line('Delete', 1000, 500)];
      const frames = inferFrames([full(0, list), part(1000, box(190, 440, 1000, 100), more)], scene([]));
      expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Load more', confidence: 0.35 });
      // A bio and its Save button under a name (a tab's form, shown again) are no options of a menu opened there.
      const form = inferFrames([full(0, line('Ada Lovelace', 230, 300)), part(1000, box(190, 360, 600, 140), [...line('Analyst, writes notes', 230, 378), ...line('Save profile', 235, 466)])], scene([]));
      expect(form[1]!.action).toBeNull();
    });

    it('a menu closed with nothing else changed, the pointer still: Escape, not a click on the option it rests near', () => {
      const page = [...line('Account', 1171, 96), ...line('Order', 200, 96)];
      const pointer = [{ t: 500, x: 1000, y: 200 }, { t: 600, x: 1099, y: 150 }];
      const menu = part(1000, box(1060, 130, 200, 80), [...line('Profile', 1086, 147), ...line('Sign out', 1086, 185)]);
      const closed = part(2000, box(1060, 130, 200, 80), []);
      const frames = inferFrames([full(0, page), menu, closed], scene(pointer));
      expect(frames[2]!.action).toMatchObject({ type: 'press', key: 'Escape', confidence: 0.3 });
    });

    it('a select opened under its value is named by its label; the option still shown once it closed was chosen', () => {
      const open = part(1000, box(220, 300, 300, 90), [...line('Dark', 235, 314), ...line('System', 235, 352)]);
      // The list closed: its options gone, the select shows the one chosen in its place (its label back too).
      const chosen = { timestamp: 2000, regions: [box(200, 230, 400, 160)], words: [...line('Theme', 220, 240), ...line('Dark', 235, 276), ...line('Compact mode', 270, 342)], areas: [box(200, 230, 400, 160)] };
      const frames = inferFrames([full(0, settings), open, chosen], scene([]));
      expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'combobox', name: 'Theme' });
      expect(frames[2]!.action).toMatchObject({ type: 'click', name: 'Dark', confidence: 0.4 });
    });
  });

  describe('a value typed and submitted with Enter, which no keyframe shows: read off the typed frame', () => {
    // A to-do form: "New task" above a field showing "What needs doing?"; the pointer rests on the field, clicked at
    // 800 ms. The value is typed, then Enter adds it to the list and clears the field: the keyframe after shows the
    // list grown and the placeholder back, and only the typed frame (3800 ms) shows the field holding the value.
    const form = [...line('New task', 230, 260), ...line('What needs doing?', 231, 316), ...line('Your tasks (3)', 230, 380)];
    const pointer = [{ t: 600, x: 500, y: 100 }, { t: 800, x: 480, y: 322 }];
    const list = box(220, 440, 600, 30);
    /** The typed frame: the value's words on the field's row (its last one glued to the caret), the caret at its end. */
    const typedFrame = (value: string, whole: boolean, extra: Word[] = []) => {
      const words = line(value, 231, 316);
      const last = words.at(-1)!;
      return { timestamp: 3800, whole, x: last.box.x + last.box.w + 1, y: 324, words: [...words, ...extra] };
    };
    /** The keyframe after Enter: the value added to the list, with its Delete button. */
    const submitted = (typed: ReturnType<typeof typedFrame>, shown = 'Call the bank') => ({ ...part(4200, list, [...line(shown, 240, 450), ...line('Delete', 740, 450)]), typed });

    it('is the fill before the keyframe that shows it submitted, named by the field clicked into', () => {
      const frames = inferFrames([full(0, form), part(1000, box(220, 300, 600, 40), line('What needs doing?', 231, 316)), submitted(typedFrame('Call the bank', true))], scene(pointer));
      expect(frames[2]!.action).toMatchObject({ t: 3800, type: 'fill', role: 'textbox', name: 'New task', value: 'Call the bank', source: 'video' });
      expect(frames[2]!.submitted).toBe(true);
      // A second value typed and submitted into the same field is a step of its own, not the first one typed on.
      const row2 = box(220, 470, 600, 30);
      const again = { ...part(6200, row2, [...line('Renew passport', 240, 480), ...line('Delete', 740, 480)]), typed: { ...typedFrame('Renew passport', true), timestamp: 5800 } };
      const both = inferFrames([full(0, form), part(1000, box(220, 300, 600, 40), line('What needs doing?', 231, 316)), submitted(typedFrame('Call the bank', true)), again], scene(pointer));
      expect(inferredTimeline(both).filter((a) => a.type === 'fill').map((a) => a.type === 'fill' && a.value)).toEqual(['Call the bank', 'Renew passport']);
    });

    it('reads the last word with the caret glued to it, which OCR is unsure of ("plants]" at 0.24)', () => {
      const glued = typedFrame('Water plants', true);
      glued.words = [...line('Water', 231, 316), ...line('plants]', 231 + 5 * 9 + 6, 316, 0.24)];
      glued.x = glued.words.at(-1)!.box.x + glued.words.at(-1)!.box.w - 4;
      const frames = inferFrames([full(0, form), submitted(glued, 'Water plants')], scene(pointer));
      expect(frames[1]!.action).toMatchObject({ type: 'fill', name: 'New task', value: 'Water plants' });
    });

    it('a frame from before the last character counts only where the keyframe shows the value whole', () => {
      const early = typedFrame('Call the ban', false);
      const frames = inferFrames([full(0, form), submitted(early)], scene(pointer));
      expect(frames[1]!.action).toMatchObject({ type: 'fill', name: 'New task', value: 'Call the bank' });
      const unseen = inferFrames([full(0, form), submitted(early, 'Saved')], scene(pointer));
      expect(unseen[1]!.action?.type).not.toBe('fill');
    });

    it('takes nothing right of the caret (the I-beam beside it read as "IT"), nor a value the field still shows', () => {
      const beam = { ...typedFrame('x', true), words: line('IT', 260, 316) };
      beam.x = 255;
      expect(inferFrames([full(0, form), submitted(beam)], scene(pointer))[1]!.action?.type).not.toBe('fill');
      // Typing went on after the typed frame: the keyframe shows the field holding more; its own reading says so.
      const going = { ...part(4200, box(220, 300, 600, 40), line('Call the bank today', 231, 316)), typed: typedFrame('Call the bank', true) };
      const frames = inferFrames([full(0, form), going], scene(pointer));
      expect(frames[1]!.action).toMatchObject({ type: 'fill', value: 'Call the bank today' });
      expect(frames[1]!.submitted).toBeUndefined();
    });
  });

  it('screen text goes through secret masking', () => {
    const frames = inferFrames([full(0, signIn), part(1000, box(380, 400, 500, 40), line('token sk_live_4eC39HqLyjWDarjtT1zdp7dc', 400, 410))], scene());
    expect(JSON.stringify(frames)).not.toContain('sk_live_4eC39HqLyjWDarjtT1zdp7dc');
  });
});

describe('OCR misreads', () => {
  it('a password field’s dots read as a run of one letter with no confidence are still dots, never text', () => {
    const frames = inferFrames([full(0, signIn), part(1500, box(400, 300, 300, 30), line('ssssssssssss', 405, 305, 0.01))], scene());
    expect(frames[1]!.action).toMatchObject({ type: 'fill', name: 'Password', value: '••••••' });
    expect(JSON.stringify(frames)).not.toContain('ssssssssssss');
  });

  it('a label read again split (a hover shade, the pointer over light text on a dark surface) is no typing; a value replaced is', () => {
    const retry = inferFrames([full(0, [...line('Reports', 400, 150), ...line('Retry', 400, 200)]), part(900, box(390, 195, 80, 30), line('R etry', 400, 200))], scene());
    expect(retry[1]!.action?.type).not.toBe('fill');
    // A value replaced by another one, or by a piece of it, is still typing.
    const shorter = inferFrames([full(0, [...line('Display name', 400, 150), ...line('Ada Lovelace', 400, 200)]), part(900, box(390, 195, 200, 30), line('Lovelace', 400, 200))], scene());
    expect(shorter[1]!.action).toMatchObject({ type: 'fill', value: 'Lovelace' });
    const typed = inferFrames([full(0, [...line('Display name', 400, 150), ...line('Ada Lovelace', 400, 200)]), part(900, box(390, 195, 200, 30), line('Lin Park', 400, 200))], scene());
    expect(typed[1]!.action).toMatchObject({ type: 'fill', value: 'Lin Park' });
  });

  it('a button’s label misread under the pointer, or a text read again beside its own copy, is no typing', () => {
    const page = [...line('Filter', 300, 100), ...line('Mark all read', 400, 100)];
    const misread = inferFrames([full(0, page), part(900, box(390, 95, 140, 30), line('Marga! read', 400, 100))], scene());
    expect(misread[1]!.action).toBeNull();
    // A toast's text over a row's "Delete" button reads "Dele’ Task added", then "Delete" again once it has gone.
    const rows = [...line('Delete', 900, 560), ...line('Dele’ Task added', 900, 600)];
    const again = inferFrames([full(0, rows), part(900, box(890, 595, 200, 30), line('Delete', 900, 600))], scene());
    expect(again[1]!.action).toBeNull();
  });

  it('a label read with a letter lost at its edge is the same label restyled, not a change; a real word stays a word', () => {
    const frames = inferFrames([full(0, signIn), part(900, box(380, 270, 400, 40), line('assword', 409, 280))], scene());
    expect(frames[1]!.changes).not.toContain('"Password" → "assword" in the centre');
    expect(toLines(line('Assessees', 0, 0)).map((l) => l.text)).toEqual(['Assessees']);
    expect(inferFrames([full(0, line('Assessees', 100, 100, 0.2))], scene())[0]).toBeDefined();
  });
});
