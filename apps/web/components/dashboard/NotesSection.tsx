'use client'
import { type FormEvent, useState } from 'react'
import { trpc } from '@/client/trpc'

/** The app's own feature, stored in its own database: billing lives in Flowglad, not here. */
export function NotesSection() {
  const utils = trpc.useUtils()
  const notes = trpc.notes.list.useQuery()
  const add = trpc.notes.add.useMutation({ onSuccess: () => utils.notes.list.invalidate() })
  const remove = trpc.notes.remove.useMutation({ onSuccess: () => utils.notes.list.invalidate() })
  const [body, setBody] = useState('')

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    add.mutate({ body }, { onSuccess: () => setBody('') })
  }

  return (
    <section className="card stack">
      <h2>Notes</h2>
      <form onSubmit={onSubmit} className="row">
        <input
          aria-label="New note"
          value={body}
          onChange={(event) => setBody(event.target.value)}
          placeholder="Remember to…"
          maxLength={500}
        />
        <button type="submit" disabled={add.isPending}>
          Add
        </button>
      </form>
      {add.error && (
        <p className="error-text" role="alert">
          {add.error.data?.zodError ? 'Write something first.' : add.error.message}
        </p>
      )}
      <ul className="plain stack">
        {notes.data?.map((note) => (
          <li key={note.id} className="row" data-testid="note">
            <span>{note.body}</span>
            <button type="button" className="link" onClick={() => remove.mutate({ id: note.id })}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
