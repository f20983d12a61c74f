/** Demo figures behind the `advanced_analytics` gate (the dashboard chart and the CSV export). */
export const weeklySignups = [
  { day: 'Mon', signups: 12 },
  { day: 'Tue', signups: 18 },
  { day: 'Wed', signups: 9 },
  { day: 'Thu', signups: 24 },
  { day: 'Fri', signups: 31 },
  { day: 'Sat', signups: 27 },
  { day: 'Sun', signups: 35 },
] as const
