import { matchUnits, type Candidate } from '../matching';

const unit = (documentId: string, type: string, fitted: string[] = [], readySince: string | null = '2012-03-01'): Candidate => ({ documentId, type, fitted, readySince });

describe('matching ready units to a prescription', () => {
  it('keeps units of the right type: a laptop for a laptop, a desktop or all-in-one for a desktop', () => {
    const units = [unit('l1', 'laptop'), unit('d1', 'desktop'), unit('a1', 'all_in_one'), unit('s1', 'screen')];
    expect(matchUnits({ deviceType: 'laptop' }, units, {}).map((m) => m.machine.documentId)).toEqual(['l1']);
    expect(matchUnits({ deviceType: 'desktop' }, units, {}).map((m) => m.machine.documentId).sort()).toEqual(['a1', 'd1']);
  });

  it('says for each need whether it is built in, fitted, fittable from stock or missing, and ranks complete units first', () => {
    const units = [unit('bare', 'desktop', [], '2012-01-01'), unit('ready', 'desktop', ['flat_screen', 'webcam'], '2012-03-01'), unit('aio', 'all_in_one', [], '2012-02-01')];
    const matches = matchUnits({ deviceType: 'desktop', screen: true, webcam: true }, units, { flat_screen: 2, webcam: 0 });
    expect(matches.map((m) => [m.machine.documentId, m.needs, m.complete])).toEqual([
      ['ready', { screen: 'fitted', webcam: 'fitted' }, true],
      ['aio', { screen: 'built_in', webcam: 'missing' }, false],
      ['bare', { screen: 'in_stock', webcam: 'missing' }, false],
    ]);
  });

  it('needs both a keyboard and a mouse for « clavier et souris », and prefers the unit waiting longest among equals', () => {
    const units = [unit('new', 'desktop', [], '2012-05-01'), unit('old', 'desktop', [], '2012-01-01')];
    expect(matchUnits({ deviceType: 'desktop', keyboardMouse: true }, units, { usb_keyboard: 3, usb_mouse: 0 }).map((m) => m.needs.keyboardMouse)).toEqual(['missing', 'missing']);
    const ok = matchUnits({ deviceType: 'desktop', keyboardMouse: true }, units, { usb_keyboard: 3, usb_mouse: 1 });
    expect(ok.map((m) => [m.machine.documentId, m.needs.keyboardMouse])).toEqual([['old', 'in_stock'], ['new', 'in_stock']]);
  });
});
