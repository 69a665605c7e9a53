// Reads the Retry-After header (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date in any of
// the three formats a recipient must accept. It does not cap the delay; the retry policy does.

const monthNames = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const month = `(${monthNames.join("|")})`;
const time = "(\\d{2}):(\\d{2}):(\\d{2})";
// Sun, 06 Nov 1994 08:49:37 GMT
const imfFixdate = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${month} (\\d{4}) ${time} GMT$`,
);
// Sunday, 06-Nov-94 08:49:37 GMT
const rfc850Date = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${month}-(\\d{2}) ${time} GMT$`,
);
// Sun Nov  6 08:49:37 1994
const asctimeDate = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${month} ( \\d|\\d{2}) ${time} (\\d{4})$`,
);

/**
 * Converts a `Retry-After` header into a delay in milliseconds.
 *
 * @param header - The header value: `"120"` (seconds) or an HTTP-date such as
 * `"Wed, 21 Oct 2015 07:28:00 GMT"`.
 * @param now - The current time in milliseconds since the epoch (the injected clock's `now()`).
 * @returns The delay in milliseconds (0 for a date in the past), or `undefined` when the header
 * is missing or malformed.
 * @example
 * ```ts
 * parseRetryAfter("3", Date.now()); // 3000
 * ```
 */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    const ms = Number(value) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const at = parseHttpDate(value, now);
  return at === undefined ? undefined : Math.max(0, at - now);
}

function parseHttpDate(value: string, now: number): number | undefined {
  let match = imfFixdate.exec(value);
  if (match) return utc(match[3], match[2], match[1], match[4], match[5], match[6]);
  match = asctimeDate.exec(value);
  if (match) return utc(match[6], match[1], match[2], match[3], match[4], match[5]);
  match = rfc850Date.exec(value);
  if (!match) return undefined;
  // A two-digit year that would be more than 50 years ahead is the most recent past year with
  // those digits (RFC 9110 section 5.6.7).
  const currentYear = new Date(now).getUTCFullYear();
  let year = Math.floor(currentYear / 100) * 100 + Number(match[3]);
  if (year > currentYear + 50) year -= 100;
  return utc(String(year), match[2], match[1], match[4], match[5], match[6]);
}

function utc(
  yearText = "",
  monthText = "",
  dayText = "",
  hourText = "",
  minuteText = "",
  secondText = "",
): number | undefined {
  const [year, day, hour, minute, second] = [
    yearText,
    dayText,
    hourText,
    minuteText,
    secondText,
  ].map((part) => Number(part.trim())) as [number, number, number, number, number];
  const monthIndex = monthNames.indexOf(monthText);
  if (hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  // setUTCFullYear takes years below 100 literally, where Date.UTC would add 1900.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, Math.min(second, 59), 0);
  // A day past the month's end rolls over into the next month; such a date is malformed.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== monthIndex) return undefined;
  return date.getTime();
}
