// Runs once before the suite. Tests pin the zone so no code can lean on the machine's time zone:
// Kathmandu (+05:45) makes any accidental local-time arithmetic show up as a 345-minute shift.
export default function setup(): void {
  process.env.TZ = "Asia/Kathmandu";
}
