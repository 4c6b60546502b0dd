/** "Now" for reminders and stamps; tests (and nothing else) set it. */
export default () => {
  let fixed: Date | null = null;
  return {
    now: (): Date => (fixed ? new Date(fixed.getTime()) : new Date()),
    set(date: Date | null): void {
      fixed = date;
    },
  };
};
