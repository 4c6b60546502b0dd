import { canonicalJson, eventHash, verifyChain, type EventPayload, type StoredEvent } from '../chain';

function build(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev: string | null = null;
  for (let i = 1; i <= n; i += 1) {
    const payload: EventPayload = {
      subjectType: 'api::machine.machine', subjectId: 'abc', seq: i, kind: 'transition', fromStage: 'a', toStage: 'b',
      actorType: 'admin', actorId: '1', actorName: 'Anne', at: `2012-01-0${i}T10:00:00.000Z`, details: { n: i, nested: { z: 1, a: 2 } }, prevHash: prev,
    };
    const hash = eventHash(payload);
    events.push({ ...payload, id: i, hash });
    prev = hash;
  }
  return events;
}

describe('event chain', () => {
  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('verifies an untouched chain', () => {
    expect(verifyChain(build(4))).toEqual({ valid: true, events: 4 });
  });

  it('reports an event whose content was changed', () => {
    const events = build(4);
    events[2] = { ...events[2], toStage: 'handed_over' };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('reports an event removed from the middle', () => {
    const events = build(4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('reports an event rewritten with a recomputed hash, by the broken link after it', () => {
    const events = build(3);
    const forged: EventPayload = { ...events[1], actorName: 'Quelqu’un d’autre' };
    const { id: _id, hash: _hash, ...payload } = { ...forged, id: 0, hash: '' };
    events[1] = { ...forged, id: events[1].id, hash: eventHash(payload) };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('reports a record whose stage is not where its last move led (changed without an event)', () => {
    const events = build(3);
    expect(verifyChain(events, 'b')).toEqual({ valid: true, events: 3 });
    expect(verifyChain(events, 'ready', (k) => (k === 'ready' ? 'Prête' : k))).toEqual({
      valid: false, events: 3, brokenAt: 3, stageMismatch: { current: 'ready', recorded: 'b' },
      reason: 'étape changée hors de la chaîne : la fiche est à « Prête », son dernier passage enregistré mène à « b »',
    });
  });

  it('reports a staged record without any event', () => {
    expect(verifyChain([], 'received')).toMatchObject({ valid: false, brokenAt: 0, stageMismatch: { current: 'received', recorded: null } });
  });
});
