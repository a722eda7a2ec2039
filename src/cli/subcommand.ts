// The first word of a command with subcommands (`rolechain keys rotate`, `rolechain saml assertion`, …):
// no word or help prints the help; an unknown word prints why and the help, and exits 2.

/** The chosen subcommand and its arguments, or undefined when the command has already answered. */
export function pickSubcommand<S extends string>(
  command: string,
  argv: string[],
  allowed: readonly S[],
  help: string,
): { sub: S; rest: string[] } | undefined {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    process.stdout.write(help);
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(sub)) {
    process.stderr.write(`rolechain ${command}: unknown subcommand '${sub}'\n\n${help}`);
    process.exitCode = 2;
    return undefined;
  }
  return { sub: sub as S, rest };
}
