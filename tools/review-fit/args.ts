/** The value after `--name` on a command line, if any. */
export function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Positional arguments: everything that is neither an option nor an option's value. */
export function positionals(args: readonly string[], optionsWithValues: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !optionsWithValues.includes(args[i - 1] ?? ''));
}
