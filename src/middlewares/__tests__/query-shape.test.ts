import { badSortPaths } from '../query-shape';

describe('badSortPaths', () => {
  it('accepts field paths in every shape qs gives them', () => {
    for (const sort of ['name', 'name:asc', 'donor.name:desc', 'name:asc,labelCode:desc', ['name:asc', 'id'], { name: 'asc' }, { donor: { name: 'desc' } }, { 0: 'name:asc' }]) {
      expect({ sort, bad: badSortPaths(sort) }).toEqual({ sort, bad: [] });
    }
  });

  it('names a path with an empty segment', () => {
    expect(badSortPaths('../../etc/passwd')).toEqual(['../../etc/passwd']);
    expect(badSortPaths('.name')).toEqual(['.name']);
    expect(badSortPaths('..')).toEqual(['..']);
    expect(badSortPaths(['name', 'a..b:asc'])).toEqual(['a..b']);
    expect(badSortPaths('name,')).toEqual(['']);
    expect(badSortPaths({ '': 'asc' })).toEqual(['']);
  });
});
