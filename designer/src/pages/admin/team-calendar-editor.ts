import { useEffect, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { calendars, WEEKDAYS, type TeamCalendar, type Weekday, type WorkingCalendar } from '../../api/admin';
import { ErrorNote, errorText, useLoad } from '../../components/common';
import './team-calendar.css';

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const INTERVAL = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/;

interface Draft {
  timeZone: string;
  /** per weekday: `09:00-12:00, 13:00-18:00`, empty for a day off */
  days: Record<Weekday, string>;
  /** one date YYYY-MM-DD per line */
  holidays: string;
}

function draftOf(calendar: TeamCalendar): Draft {
  const days = Object.fromEntries(WEEKDAYS.map((day) => [day, calendar.hours.filter((h) => h.day === day).map((h) => `${h.from}-${h.to}`).join(', ')])) as Record<Weekday, string>;
  return { timeZone: calendar.timeZone, days, holidays: calendar.holidays.join('\n') };
}

/** the draft as the API takes it, or what to fix in it */
function calendarOf(draft: Draft): WorkingCalendar | string {
  const hours: WorkingCalendar['hours'] = [];
  for (const day of WEEKDAYS) {
    for (const part of draft.days[day].split(',').map((p) => p.trim()).filter(Boolean)) {
      const match = INTERVAL.exec(part);
      if (!match) return `${DAY_NAMES[day]}: write the hours as 09:00-12:00, 13:00-18:00 (or leave it empty for a day off)`;
      const pad = (time: string) => time.padStart(5, '0');
      hours.push({ day, from: pad(match[1]!), to: pad(match[2]!) });
    }
  }
  const holidays = draft.holidays.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
  return { timeZone: draft.timeZone.trim(), hours, holidays };
}

/** A team's working calendar: business hours per weekday, the time zone, holidays (the complaint SLA counts in these hours). */
export function TeamCalendarEditor({ teamId, teamName, onClose }: { teamId: string; teamName: string; onClose: () => void }) {
  const loaded = useLoad(() => calendars.get(teamId), [teamId]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<TeamCalendar | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setDraft(draftOf(loaded.data));
  }, [loaded.data]);
  if (!draft) return html`<div class="panel-body" data-testid="team-calendar"><${ErrorNote} error=${loaded.error} /></div>`;
  const current = saved ?? loaded.data;

  const save = async (e: Event) => {
    e.preventDefault();
    const calendar = calendarOf(draft);
    if (typeof calendar === 'string') return setError(calendar);
    setBusy(true);
    try {
      const answer = await calendars.save(teamId, calendar);
      setSaved(answer);
      setDraft(draftOf(answer));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const edit = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setSaved(null);
  };

  return html`<form class="team-calendar" data-testid="team-calendar" noValidate onSubmit=${save}>
    <h3>Working hours of ${teamName}</h3>
    <p class="muted" data-testid="calendar-state">${current?.isDefault ? 'The default calendar (Mon–Fri 9–18): the team has none of its own yet.' : 'The team’s own calendar.'}</p>
    <label>Time zone <input name="time-zone" value=${draft.timeZone} placeholder="Europe/Berlin" onInput=${(e: Event) => edit({ timeZone: (e.target as HTMLInputElement).value })} /></label>
    <div class="calendar-days">
      ${WEEKDAYS.map((day) => html`<label>${DAY_NAMES[day]} <input name=${`hours-${day}`} value=${draft.days[day]} placeholder="day off"
        onInput=${(e: Event) => edit({ days: { ...draft.days, [day]: (e.target as HTMLInputElement).value } })} /></label>`)}
    </div>
    <label>Holidays (one date a line) <textarea name="holidays" rows="4" placeholder="2026-12-25" value=${draft.holidays}
      onInput=${(e: Event) => edit({ holidays: (e.target as HTMLTextAreaElement).value })}></textarea></label>
    <div class="panel-actions">
      <button type="submit" data-testid="save-calendar" disabled=${busy}>Save calendar</button>
      <button type="button" onClick=${onClose}>Close</button>
    </div>
    ${saved && html`<p class="notice" role="status" data-testid="calendar-saved">Saved.</p>`}
    <${ErrorNote} error=${error} />
  </form>`;
}
