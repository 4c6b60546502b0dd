import { together } from '../together';

const later = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('together', () => {
  it('gives every result in argument order', async () => {
    await expect(together<[number, string]>([() => later(20, 1), () => later(1, 'b')], true)).resolves.toEqual([1, 'b']);
  });

  it('fails with the error of the first failing read in argument order, not the first to fail in time', async () => {
    await expect(together<[string, string]>([() => later(30, 'modèle introuvable', true), () => later(1, 'fiche introuvable', true)], true)).rejects.toThrow('modèle introuvable');
  });

  it('waits for every read before failing, so none is left running', async () => {
    let finished = false;
    const slow = () =>
      later(30, 'ok').then((v) => {
        finished = true;
        return v;
      });
    await expect(together<[string, string]>([() => later(1, 'échec', true), slow], true)).rejects.toThrow('échec');
    expect(finished).toBe(true);
  });

  it('runs one read after the other when not parallel (inside a transaction), and stops at the first failure', async () => {
    const order: string[] = [];
    const read = (name: string, ms: number, fail = false) => async () => {
      order.push(`start ${name}`);
      await later(ms, name, fail);
      order.push(`end ${name}`);
      return name;
    };
    await expect(together<[string, string]>([read('a', 20), read('b', 1)], false)).resolves.toEqual(['a', 'b']);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    order.length = 0;
    await expect(together<[string, string]>([read('a', 1, true), read('b', 1)], false)).rejects.toThrow('a');
    expect(order).toEqual(['start a']);
  });
});
