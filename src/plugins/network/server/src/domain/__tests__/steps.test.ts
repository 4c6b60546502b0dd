import { availableSteps, proposalProblems, stepRefusal, STEP_RULES, TRANSFER_STATES, TRANSFER_STEPS } from '../steps';

describe('transfer steps', () => {
  it('walks an offer from proposed to received, each step by its side', () => {
    expect(availableSteps('proposed', ['to'])).toEqual(['accept', 'refuse']);
    expect(availableSteps('proposed', ['from'])).toEqual(['cancel']);
    expect(availableSteps('accepted', ['from'])).toEqual(['ship', 'cancel']);
    expect(availableSteps('accepted', ['to'])).toEqual([]);
    expect(availableSteps('shipped', ['to'])).toEqual(['receive']);
    expect(availableSteps('shipped', ['from'])).toEqual([]);
    expect(availableSteps('requested', ['to'])).toEqual(['cancel']);
  });

  it('closes for good: nothing leaves received, refused or cancelled', () => {
    for (const state of ['received', 'refused', 'cancelled'] as const) {
      expect(availableSteps(state, ['from', 'to'])).toEqual([]);
      for (const step of TRANSFER_STEPS) expect(stepRefusal(step, state)).toMatch(/^Impossible (de |d’).* « (Reçu|Refusé|Annulé) »\.$/);
    }
  });

  it('refuses every step from every state its rule does not list, and only those', () => {
    for (const step of TRANSFER_STEPS) {
      for (const state of TRANSFER_STATES) expect(stepRefusal(step, state) === null).toBe(STEP_RULES[step].from.includes(state));
    }
  });

  it('speaks French: « d’accepter », « de refuser »', () => {
    expect(stepRefusal('accept', 'accepted')).toBe('Impossible d’accepter ce transfert : il est à l’état « Accepté ».');
    expect(stepRefusal('refuse', 'shipped')).toBe('Impossible de refuser ce transfert : il est à l’état « Expédié ».');
  });

  it('checks a proposal’s shape', () => {
    expect(proposalProblems({ machines: ['a', 'b'] })).toEqual([]);
    expect(proposalProblems({ parts: [{ part: 'p', quantity: 3 }] })).toEqual([]);
    expect(proposalProblems({})).toEqual(['Un transfert cède au moins une machine ou une pièce.']);
    expect(proposalProblems({ machines: 'a' })[0]).toMatch(/machines/);
    expect(proposalProblems({ machines: ['a', 'a'] })[0]).toMatch(/deux fois/);
    expect(proposalProblems({ parts: [{ part: 'p', quantity: 0 }] })[0]).toMatch(/quantité/);
    expect(proposalProblems({ parts: [{ part: 'p', quantity: 1.5 }] })[0]).toMatch(/quantité/);
    expect(proposalProblems({ machines: ['a'], notes: 42 })[0]).toMatch(/notes/);
  });
});
