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
  /** The headline. */
  readonly title: string;
  /** One or two sentences on what happened and what to do. */
  readonly body: string;
  /** An optional action, such as a retry button. */
  readonly children?: ReactNode;
  /** Heading level: 1 when the panel stands for the whole tab, 3 inside a page. @default 1 */
  readonly level?: 1 | 3;
}

/** Shows a headline, a short explanation and an optional action. */
export function StatusPanel({ title, body, children, level = 1 }: StatusPanelProps) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <Surface labelledBy={titleId} className={styles.panel}>
      <Title3 as={level === 1 ? 'h1' : 'h3'} id={titleId} align="center" className={styles.text}>
        {title}
      </Title3>
      <Body1 as="p" align="center" className={styles.text}>
        {body}
      </Body1>
      {children}
    </Surface>
  );
}
