/** A one-line progress bar on a terminal; silent when stderr is not a TTY (CI logs, pipes). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let last = '';
  return {
    update(fraction: number, message = '') {
      if (!tty) return;
      const width = 30;
      const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
      const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${message}`;
      if (line !== last) process.stderr.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    done() {
      if (tty && last) process.stderr.write('\n');
    },
  };
}
