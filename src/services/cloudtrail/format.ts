// CloudTrail's value formats: eventTime and sessionContext dates are ISO 8601 to the second
// ("2024-09-09T17:50:16Z"); dates inside requestParameters/responseElements are rendered the way
// AWS's Java services print them ("Jan 27, 2023, 6:13:04 PM", UTC).

let lastSecond = NaN;
let lastText = '';

/** ISO 8601 without milliseconds, as in eventTime and attributes.creationDate. */
export function isoSeconds(d: Date | number): string {
  const ms = typeof d === 'number' ? d : d.getTime();
  // Every record has an eventTime: the text is made once per second, not once per record.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace(/\.000Z$/, 'Z');
    lastSecond = second;
  }
  return lastText;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "MMM d, yyyy, h:mm:ss a" in UTC — how CloudTrail shows dates in request and response elements. */
export function elementDate(d: Date): string {
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}
