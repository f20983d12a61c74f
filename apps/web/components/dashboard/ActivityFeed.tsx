import { listActivity } from '@/server/activity'

/** What happened to the user's billing, from Flowglad's webhooks (server-rendered). */
export async function ActivityFeed({ userId }: { userId: string }) {
  const items = await listActivity(userId)
  return (
    <section className="card" data-testid="activity-feed">
      <h2>Activity</h2>
      {items.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.eventId} data-testid="activity-item">
              {item.text} <span className="muted">{item.createdAt.toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
