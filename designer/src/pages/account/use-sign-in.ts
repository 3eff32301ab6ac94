import { useState } from 'preact/hooks';
import { signIn, type SessionUser } from '../../app/session';
import { useCountdown } from '../../components/use-countdown';
import { signInProblem, waitMessage } from './sign-in-problem';

export interface SignInState {
  /** a sign-in is on its way: the form is disabled */
  readonly busy: boolean;
  /** the server asked to wait (429): the form is disabled until then */
  readonly blocked: boolean;
  readonly problem: string | null;
  submit(email: string, password: string): Promise<void>;
}

/** Signs in with email and password; says why not (wrong password, wait N s, server unreachable). */
export function useSignIn(onSignedIn: (user: SessionUser) => void): SignInState {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const wait = useCountdown();
  const blocked = wait.secondsLeft > 0;
  const submit = async (email: string, password: string) => {
    if (busy || blocked) return;
    setBusy(true);
    setMessage(null);
    try {
      onSignedIn(await signIn(email.trim(), password));
    } catch (error) {
      const problem = signInProblem(error);
      if (problem.waitSeconds > 0) wait.start(problem.waitSeconds);
      setMessage(problem.message || null);
      setBusy(false);
    }
  };
  return { busy, blocked, problem: blocked ? waitMessage(wait.secondsLeft) : message, submit };
}
