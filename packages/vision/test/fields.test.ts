import { describe, expect, it } from 'vitest';
import { MASK } from '@claude-scope/secrets';
import { cleanLabel, cleanValue, inferFrames, inferredTimeline, sameValue, type KeyframeReading, type Scene, type Word } from '../src/index.js';

// Synthetic OCR words as the lane receives them: ~9 px a character, 16 px high, 1280×720 frames.
const W = 1280;
const H = 720;
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
const scene = (pointer: Scene['pointer'] = []): Scene => ({ width: W, height: H, pointer });
const full = (timestamp: number, words: Word[]): KeyframeReading => ({ timestamp, regions: [], words, areas: null });
const part = (timestamp: number, regions: ReturnType<typeof box>[], words: Word[]): KeyframeReading => ({ timestamp, regions, words, areas: regions });

// A sign-in form: labels above empty fields (Email's field at y 320–352, Password's at 400–432), a button below.
const form = [...line('Email', 456, 292), ...line('Password', 456, 376), ...line('Sign in', 480, 470)];
// The 32-px blocks the keyframe comparison reports: a field's focus ring takes its label's row in too.
const emailRing = box(448, 288, 384, 96);
const passwordRing = box(448, 368, 384, 96);

describe('typing into a field that has focus', () => {
  it('the value misread under the caret and the I-beam is corrected where a later keyframe shows the field unfocused', () => {
    const frames = inferFrames(
      [
        full(0, form),
        // Typing: the I-beam over the first letters and the caret after the last are read into the value.
        part(1000, [box(448, 320, 96, 32)], line('I ada@ex|', 467, 325, 0.6)),
        part(2000, [box(448, 320, 160, 32)], line('pda@example.corii', 467, 325, 0.65)),
        // Focus moved to Password: Email's ring went away, its value read cleanly, its label read again.
        part(3000, [box(448, 288, 384, 160)], [...line('Email', 456, 292), ...line('ada@example.com', 469, 328, 0.9), ...line('Password', 456, 376)]),
      ],
      scene(),
    );
    const fills = inferredTimeline(frames).filter((a) => a.type === 'fill');
    expect(fills).toEqual([expect.objectContaining({ name: 'Email', value: 'ada@example.com' })]);
  });

  it('the caret read at the end of the value is not part of it', () => {
    expect(cleanValue('Renew|')).toBe('Renew');
    expect(cleanValue('Renew passport]')).toBe('Renew passport');
    expect(cleanValue('Water]')).toBe('Water');
    expect(cleanValue('Notes [draft]')).toBe('Notes [draft]'); // a bracket that closes one is text
    expect(cleanValue('I pda@')).toBe('pda@');
    expect(cleanValue('Leave with Sam at reception |')).toBe('Leave with Sam at reception');
    expect(cleanValue('I am here')).toBe('I am here'.replace(/^I /, '')); // a leading "I" word is ambiguous; dropped as the I-beam
    expect(sameValue('pda@example.corii', 'ada@example.com')).toBe(true);
    expect(sameValue('What needs doing?', 'Call the bank')).toBe(false);
  });

  it('a field’s label that OCR lost on the crop with the focus ring still names what is typed there', () => {
    const frames = inferFrames(
      [
        full(0, form),
        // Clicked into Email: the ring's crop read nothing but the caret; the label is not read again.
        part(800, [emailRing], line('I', 604, 328, 0.55)),
        part(2000, [box(448, 320, 160, 32)], line('ada@example.com', 467, 325)),
      ],
      scene(),
    );
    expect(frames[2]!.action).toMatchObject({ type: 'fill', name: 'Email', value: 'ada@example.com' });
  });

  it('a value sent with Enter: the field is cleared and what was typed shows up whole as a new line', () => {
    const page = [...line('New task', 220, 190), ...line('What needs doing?', 231, 241)];
    const input = box(224, 224, 400, 48);
    const frames = inferFrames(
      [
        full(0, page),
        part(1000, [input], line('Call', 231, 241)),
        part(2500, [input, box(200, 380, 800, 50)], [...line('What needs doing?', 231, 241), ...line('Call the bank', 240, 395)]),
      ],
      scene(),
    );
    expect(inferredTimeline(frames).find((a) => a.type === 'fill')).toMatchObject({ value: 'Call the bank' });
  });
});

describe('typing seen only on a later keyframe', () => {
  it('typed, then a click elsewhere before the next keyframe: the click into the field becomes the fill', () => {
    // Into Email at 900, then onto Sign in at 2200.
    const pointer = [{ t: 500, x: 300, y: 600 }, { t: 900, x: 600, y: 336 }, { t: 2100, x: 520, y: 460 }, { t: 2200, x: 500, y: 476 }];
    const frames = inferFrames(
      [
        full(0, form),
        // Clicked into Email: its ring drawn, no text changed.
        part(1200, [emailRing], [...line('Email', 456, 292), ...line('Password', 456, 376)]),
        // Typed "ada@", then clicked Sign in (an error appeared under the field): one keyframe shows both.
        part(2600, [box(448, 320, 384, 64), box(448, 460, 200, 40)], [...line('Email', 456, 292), ...line('ada@', 467, 328), ...line('Enter a valid email', 456, 356), ...line('Sign in', 480, 470)]),
      ],
      scene(pointer),
    );
    expect(inferredTimeline(frames)).toEqual([
      expect.objectContaining({ type: 'fill', role: 'textbox', name: 'Email', value: 'ada@' }),
      expect.objectContaining({ type: 'click', name: 'Sign in' }),
    ]);
  });

  it('dots typed into a password field that way stay masked', () => {
    const pointer = [{ t: 500, x: 300, y: 600 }, { t: 900, x: 600, y: 416 }, { t: 2100, x: 520, y: 460 }, { t: 2200, x: 500, y: 476 }];
    const frames = inferFrames(
      [
        full(0, form),
        part(1200, [passwordRing], [...line('Email', 456, 292), ...line('Password', 456, 376)]),
        // A value that is no row of dots (a misread), in a field named as a secret.
        part(2600, [box(448, 400, 384, 32), box(448, 460, 200, 40)], [...line('Password', 456, 376), ...line('hunter2x', 467, 408), ...line('Sign in', 480, 470)]),
      ],
      scene(pointer),
    );
    expect(inferredTimeline(frames)).toEqual([
      expect.objectContaining({ type: 'fill', name: 'Password', value: MASK }),
      expect.objectContaining({ type: 'click', name: 'Sign in' }),
    ]);
    // Nor does any sentence about that field quote what was typed there.
    expect(frames.flatMap((f) => f.changes).join(' ')).not.toContain('hunter2x');
  });

  it('a new view after a click into a field (its label gone) is no value typed', () => {
    const pointer = [{ t: 500, x: 300, y: 600 }, { t: 900, x: 600, y: 336 }];
    const frames = inferFrames(
      [
        full(0, form),
        part(1200, [emailRing], [...line('Email', 456, 292), ...line('Password', 456, 376)]),
        part(2600, [box(400, 260, 600, 260)], [...line('Welcome back', 456, 292), ...line('Your tasks', 467, 328)]),
      ],
      scene(pointer),
    );
    expect(inferredTimeline(frames).some((a) => a.type === 'fill')).toBe(false);
  });

  it('a field typed into again later is a second fill, not the first one read better', () => {
    const page = [...line('Email', 456, 292), ...line('Sign in', 480, 470)];
    const field = box(448, 320, 384, 32);
    const frames = inferFrames(
      [
        full(0, page),
        part(1000, [field], line('ada@', 467, 328)),
        // Sent, an error shown; then more typed into the same field.
        part(2000, [box(448, 360, 384, 32)], line('Enter a valid email', 456, 366)),
        part(3000, [field], line('ada@example.com', 467, 328)),
      ],
      scene(),
    );
    expect([frames[1]!.action, frames[3]!.action]).toEqual([
      expect.objectContaining({ type: 'fill', value: 'ada@' }),
      expect.objectContaining({ type: 'fill', value: 'ada@example.com' }),
    ]);
  });

  it('a placeholder read whole again after a partial read is no one typing', () => {
    const page = [...line('New task', 220, 190), ...line('What needs doing?', 231, 241)];
    const input = box(224, 224, 400, 48);
    const frames = inferFrames(
      [full(0, page), part(1000, [input], line('What needs', 231, 241)), part(2000, [input], line('What needs doing?', 231, 241))],
      scene(),
    );
    expect(frames[2]!.action?.type).not.toBe('fill');
  });
});

describe('clicks', () => {
  it('the pointer lost as it turns into a hand short of a button: the button whose look changed is the one clicked', () => {
    // Two labels near where the tracker last saw the pointer; the button is further but it is what changed.
    const page = [...line('Recent activity', 220, 365), ...line('Refresh', 991, 365), ...line('2 h ago', 1000, 420)];
    const pointer = [
      { t: 800, x: 800, y: 330 },
      { t: 900, x: 880, y: 345 },
      { t: 1000, x: 940, y: 352 }, // the last sample: from here on the hand is not tracked
    ];
    const frames = inferFrames(
      [full(0, page), part(2000, [box(960, 352, 128, 96)], [...line('Refresh', 991, 365), ...line('just now', 1004, 420)])],
      scene(pointer),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Refresh' });
  });

  it('the pointer lost while still moving: the label ahead on its path whose look changed', () => {
    const tabs = [...line('Profile', 235, 201), ...line('Notifications', 326, 201), ...line('Appearance', 480, 201), ...line('Weekly digest', 244, 295)];
    // Moving up and right from "Weekly digest" towards the tabs, lost 100 px short of "Appearance".
    const pointer = [{ t: 800, x: 300, y: 300 }, { t: 900, x: 360, y: 280 }, { t: 1000, x: 420, y: 262 }];
    const frames = inferFrames(
      [full(0, tabs), part(2000, [box(192, 160, 384, 224)], [...line('Profile', 235, 201), ...line('Notifications', 326, 201), ...line('Appearance', 480, 201), ...line('Theme', 217, 258)])],
      scene(pointer),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Appearance' });
  });

  it('a control that answers late (a spinner, then content): the earlier rest on the control whose look changed', () => {
    const page = [...line('Recent activity', 220, 365), ...line('Refresh', 991, 365), ...line('Grace commented', 222, 459)];
    // Clicked Refresh at 1000, then wandered off to rest by the list while the spinner ran; the change lands at 2400.
    const pointer = [{ t: 900, x: 990, y: 372 }, { t: 1000, x: 1000, y: 373 }, { t: 1600, x: 600, y: 420 }, { t: 1700, x: 300, y: 466 }];
    const frames = inferFrames(
      // A new first row pushed the list down: a region as big as the list.
      [full(0, page), part(2500, [box(960, 352, 128, 64), box(200, 440, 400, 200)], [...line('Refresh', 991, 365), ...line('Margaret deployed', 222, 459), ...line('Grace commented', 222, 502)])],
      scene(pointer),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Refresh' });
  });

  it('the pointer resting on no label inside a field whose ring was drawn: the click is into that field', () => {
    const pointer = [{ t: 500, x: 300, y: 600 }, { t: 900, x: 600, y: 416 }];
    const frames = inferFrames([full(0, form), part(1200, [passwordRing], line('Password', 456, 376))], scene(pointer));
    expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'textbox', name: 'Password' });
  });

  it('the next field clicked after typing: its ring drawn where the pointer rests, the field left behind read anew', () => {
    // Email was typed into, its value misread under the caret and the I-beam ("pda@example.corii"); the click into
    // Password takes Email's ring and caret away, so its value reads anew: a changed text near the pointer.
    const pointer = [{ t: 2500, x: 700, y: 600 }, { t: 2900, x: 620, y: 420 }];
    const frames = inferFrames(
      [
        full(0, form),
        part(1500, [box(448, 320, 160, 32)], line('pda@example.corii', 467, 323)),
        part(3200, [emailRing, passwordRing], [...line('Email', 456, 292), ...line('ada@example.com', 469, 328), ...line('Password', 456, 376)]),
      ],
      scene(pointer),
    );
    expect(frames[2]!.action).toMatchObject({ type: 'click', role: 'textbox', name: 'Password' });
  });

  it('a click on a field’s placeholder, then typing there: the click is named as the field', () => {
    const page = [...line('Delivery note', 230, 400), ...line('Leave at reception', 240, 440)];
    const pointer = [{ t: 500, x: 600, y: 600 }, { t: 900, x: 300, y: 448 }];
    const field = box(224, 424, 500, 48);
    const frames = inferFrames(
      [full(0, page), part(1200, [field], line('Leave at reception', 240, 440)), part(2400, [field], line('Leave with Sam', 240, 440))],
      scene(pointer),
    );
    expect(inferredTimeline(frames)).toEqual([
      expect.objectContaining({ type: 'click', role: 'textbox', name: 'Delivery note' }),
      expect.objectContaining({ type: 'fill', name: 'Delivery note', value: 'Leave with Sam' }),
    ]);
  });

  it('without a pointer, a field’s ring drawn and no text changed is a click into that field', () => {
    // The crop around the ring reads the labels beside it again, unchanged.
    const frames = inferFrames([full(0, form), part(1200, [emailRing], [...line('Email', 456, 292), ...line('Password', 456, 376)])], scene([]));
    expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'textbox', name: 'Email' });
  });

  it('without a pointer, a select opening: the control beside the new items (named by its label), not another label whose look changed', () => {
    const page = [...line('Theme', 217, 258), ...line('Light', 231, 281), ...line('Appearance', 455, 201), ...line('Compact mode', 270, 342)];
    const frames = inferFrames(
      [
        full(0, page),
        // The listbox opens under the combobox over "Compact mode"; the tab above is still hovered-looking.
        part(1500, [box(192, 190, 384, 250)], [...line('Theme', 217, 258), ...line('Light', 231, 281), ...line('Appearance', 455, 201), ...line('Dark', 235, 314), ...line('System', 235, 352)]),
      ],
      scene([]),
    );
    expect(frames[1]!.action).toMatchObject({ type: 'click', role: 'combobox', name: 'Theme' });
  });

  it('a sentence clicked with a list growing under it is no select', () => {
    const page = [...line('What needs doing?', 231, 241), ...line('Task name is required.', 231, 280), ...line('Call the bank', 240, 330)];
    const pointer = [{ t: 500, x: 600, y: 600 }, { t: 900, x: 300, y: 288 }];
    const frames = inferFrames(
      [full(0, page), part(1500, [box(200, 270, 600, 200)], [...line('Task name is required.', 231, 280), ...line('Your tasks (2)', 231, 310), ...line('Water plants', 240, 350), ...line('Call the bank', 240, 390)])],
      scene(pointer),
    );
    expect(frames[1]!.action).not.toMatchObject({ role: 'combobox' });
  });

  it('a checkbox toggled by a click is its label restyled: a click on it, not typing', () => {
    const page = [...line('Theme', 217, 258), ...line('Compact mode', 270, 342)];
    const pointer = [{ t: 500, x: 600, y: 500 }, { t: 900, x: 300, y: 350 }];
    const frames = inferFrames([full(0, page), part(1200, [box(192, 320, 224, 64)], line('@Q Compact mode', 215, 342))], scene(pointer));
    expect(frames[1]!.action).toMatchObject({ type: 'click', name: 'Compact mode' });
  });

  it('a checkbox or switch drawn left of a label is not part of its name', () => {
    expect(cleanLabel('[J Remember me')).toBe('Remember me');
    expect(cleanLabel('O Renew passport')).toBe('Renew passport');
    expect(cleanLabel('@Q Compact mode')).toBe('Compact mode');
    expect(cleanLabel('Sign in')).toBe('Sign in');
    expect(cleanLabel('A Tale of Two Cities')).toBe('A Tale of Two Cities');
  });
});
