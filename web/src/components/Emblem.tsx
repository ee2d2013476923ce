/** The platform's mark: a globe of data lines in government blue. */
export function Emblem({ size = 44 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="emblem-bg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#2f7be0" />
          <stop offset="1" stopColor="#0b3f91" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="14" fill="url(#emblem-bg)" />
      <circle cx="32" cy="32" r="17" fill="none" stroke="#fff" strokeWidth="3.5" />
      <path d="M15 32h34M32 15c-7 6-7 28 0 34M32 15c7 6 7 28 0 34M19 23h26M19 41h26" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="49" cy="15" r="5" fill="#ffb400" />
    </svg>
  );
}
