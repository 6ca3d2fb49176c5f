/**
 * A form's draft of a versioned resource and its save with `If-Match`: the draft, what the
 * last save said, and the save itself.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, type Versioned } from '../api';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';

/** What the form says after a save. */
export interface SaveMessages {
  /** The save went through. */
  readonly saved: MessageKey;
  /** Someone else saved first; the form now shows their version. */
  readonly conflict: MessageKey;
  /** The server refused a value (422). */
  readonly invalid: MessageKey;
  /** Anything else went wrong. */
  readonly failed: MessageKey;
}

/**
 * Options of `useVersionedSave`.
 *
 * @template T the resource's value
 */
export interface VersionedSaveOptions<T> {
  /** The version the form started from; its `etag` goes out as `If-Match`. */
  readonly loaded: Versioned<T>;
  /** Saves `value` over the version `etag` names. */
  readonly save: (value: T, etag: string | undefined) => Promise<Versioned<T>>;
  /** Loads the latest version, after a save lost to someone else's. */
  readonly load: () => Promise<Versioned<T>>;
  /** Runs with every version the server handed back, saved or reloaded. */
  readonly onSaved: (saved: Versioned<T>) => void;
  /** Runs after a save went through, once `onSaved` has. */
  readonly afterSave?: (saved: Versioned<T>) => void;
  /**
   * Whether the draft becomes what the server saved.
   *
   * @remarks
   * Only for forms whose server may tidy the value up (the org defaults); a form without this
   * keeps what was typed.
   */
  readonly adoptSaved?: boolean;
  /** What the form says after a save. */
  readonly messages: SaveMessages;
}

/**
 * What `useVersionedSave` returns.
 *
 * @template T the resource's value
 */
export interface VersionedSave<T> {
  /** The value as edited so far. */
  readonly draft: T;
  /** Changes part of the draft (and clears the "saved" note). */
  readonly update: (change: Partial<T>) => void;
  /** Whether a save is under way. */
  readonly saving: boolean;
  /** The "saved" note, or empty. */
  readonly status: string;
  /** Why the last save did not go through, or empty. */
  readonly problem: string;
  /** The form's submit handler: saves the draft. */
  readonly submit: (event: FormEvent) => void;
}

/**
 * Keeps a draft of `loaded` and saves it with `If-Match`.
 *
 * @remarks
 * On 412 someone else saved first: the form loads their version and shows it with the conflict
 * note, so nobody overwrites a change they never saw.
 *
 * @template T the resource's value
 */
export function useVersionedSave<T extends object>(
  options: VersionedSaveOptions<T>,
): VersionedSave<T> {
  const { loaded, save, load, onSaved, afterSave, adoptSaved = false, messages } = options;
  const { t } = useI18n();
  const [draft, setDraft] = useState<T>(loaded.value);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  const update = (change: Partial<T>) => {
    setDraft((current) => ({ ...current, ...change }));
    setStatus('');
  };

  const saveDraft = async () => {
    setSaving(true);
    setProblem('');
    try {
      const saved = await save(draft, loaded.etag);
      onSaved(saved);
      if (adoptSaved) setDraft(saved.value);
      afterSave?.(saved);
      setStatus(t(messages.saved));
    } catch (error) {
      setStatus('');
      if (error instanceof ApiError && error.status === 412) {
        const latest = await load();
        onSaved(latest);
        setDraft(latest.value);
        setProblem(t(messages.conflict));
      } else {
        setProblem(
          error instanceof ApiError && error.status === 422
            ? t(messages.invalid)
            : t(messages.failed),
        );
      }
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saveDraft();
  };

  return { draft, update, saving, status, problem, submit };
}
