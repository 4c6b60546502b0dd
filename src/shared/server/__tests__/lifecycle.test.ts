import { asLifecycle, changesRelation, currentLifecycle } from '../lifecycle';

describe('a lifecycle write', () => {
  it('is known only inside asLifecycle, across awaits, and not outside', async () => {
    expect(currentLifecycle()).toBeUndefined();
    const seen = await asLifecycle('relations', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentLifecycle()?.by;
    });
    expect(seen).toBe('relations');
    expect(currentLifecycle()).toBeUndefined();
  });
});

describe('a relation value in a write', () => {
  it('changes nothing when the content manager sends it untouched', () => {
    expect(changesRelation(undefined, 'update')).toBe(false);
    expect(changesRelation({ connect: [], disconnect: [] }, 'update')).toBe(false);
    expect(changesRelation({ connect: [], disconnect: [] }, 'create')).toBe(false);
  });

  it('links or unlinks when it connects, disconnects, sets, or names a record', () => {
    expect(changesRelation({ connect: [{ documentId: 'a' }] }, 'update')).toBe(true);
    expect(changesRelation({ disconnect: [{ documentId: 'a' }] }, 'update')).toBe(true);
    expect(changesRelation({ set: [] }, 'update')).toBe(true);
    expect(changesRelation('abc', 'create')).toBe(true);
    expect(changesRelation(['abc'], 'create')).toBe(true);
    expect(changesRelation(null, 'update')).toBe(true);
  });

  it('sets no link at creation when it is empty', () => {
    expect(changesRelation(null, 'create')).toBe(false);
    expect(changesRelation([], 'create')).toBe(false);
    expect(changesRelation({ set: [] }, 'create')).toBe(false);
  });
});
