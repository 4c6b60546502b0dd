import { abilityKey, Recent } from '../admin-abilities';

describe('abilityKey', () => {
  it('names the user and its roles, whatever their order', () => {
    expect(abilityKey({ id: 7, roles: [{ id: 3 }, { id: 1 }] })).toBe('7:1,3');
    expect(abilityKey({ id: 7, roles: [{ id: 1 }, { id: 3 }] })).toBe('7:1,3');
  });

  it('differs when the roles differ, and is null when they were not loaded', () => {
    expect(abilityKey({ id: 7, roles: [] })).toBe('7:');
    expect(abilityKey({ id: 7, roles: [{ id: 2 }] })).not.toBe(abilityKey({ id: 7, roles: [{ id: 3 }] }));
    expect(abilityKey({ id: 7 })).toBeNull();
  });
});

describe('Recent', () => {
  it('drops the least recently used entry past its size', () => {
    const recent = new Recent<number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('a')).toBe(1);
    recent.set('c', 3);
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toBe(1);
    expect(recent.get('c')).toBe(3);
    recent.delete('c');
    expect(recent.get('c')).toBeUndefined();
  });
});
