/**
 * A line that says what just happened ("Saved", "Logged: …"), read out politely by screen
 * readers without moving focus.
 */
import { Body1, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  status: { margin: 0, minHeight: '1.25rem', color: tokens.colorNeutralForeground2 },
});

/** A polite live region; empty text keeps the region in place for the next message. */
export function StatusText({ text, testId }: { readonly text: string; readonly testId?: string }) {
  const styles = useStyles();
  return (
    <Body1 as="p" role="status" className={styles.status} data-testid={testId}>
      {text}
    </Body1>
  );
}
