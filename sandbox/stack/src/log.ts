/** Prefixed, coloured output so five processes' logs stay readable in one terminal. */
const COLOURS = [36, 35, 33, 32, 34, 31];
let next = 0;

export function prefixer(name: string): (chunk: Buffer | string) => void {
  const colour = COLOURS[next++ % COLOURS.length];
  const tag = process.stdout.isTTY ? `\x1b[${colour}m${name.padEnd(9)}\x1b[0m` : name.padEnd(9);
  let carry = "";
  return (chunk) => {
    const text = carry + chunk.toString();
    const lines = text.split("\n");
    carry = lines.pop() ?? "";
    for (const line of lines) {
      // firebase-tools draws tables of ports in box characters; the stack prints its own summary.
      if (line.trim() && !/^[\s┌│├└─┬┼┴┐┤┘]+$/.test(line) && !/^│/.test(line.trim())) {
        process.stdout.write(`${tag}| ${line}\n`);
      }
    }
  };
}

export const say = (message: string): void => {
  process.stdout.write(`kassa    | ${message}\n`);
};
