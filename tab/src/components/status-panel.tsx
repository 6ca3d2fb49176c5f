/**
 * A calm, centred message that stands in for a page: for loading trouble, a missing host or an
 * organization that has not enabled Spotter.
 */
import { Body1, makeStyles, Title3, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { Surface } from './surface';

const useStyles = makeStyles({
  panel: {
    alignItems: 'center',
    paddingBlock: tokens.spacingVerticalXXXL,
  },
  text: { margin: 0, maxWidth: '34rem', overflowWrap: 'anywhere' },
});

/** Props of `StatusPanel`. */
export interface StatusPanelProps {
  /** The headline, also the page's top heading. */
  readonly title: string;
  /** One or two sentences on what happened and what to do. */
  readonly body: string;
  /** An optional action, such as a retry button. */
  readonly children?: ReactNode;
}

/** Shows a headline, a short explanation and an optional action. */
export function StatusPanel({ title, body, children }: StatusPanelProps) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <Surface labelledBy={titleId} className={styles.panel}>
      <Title3 as="h1" id={titleId} align="center" className={styles.text}>
        {title}
      </Title3>
      <Body1 as="p" align="center" className={styles.text}>
        {body}
      </Body1>
      {children}
    </Surface>
  );
}
