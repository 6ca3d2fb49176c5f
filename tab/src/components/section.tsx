/**
 * A titled part of a page on the shared raised surface: an `h3` that names the region.
 */
import { makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { Surface } from './surface';

const useStyles = makeStyles({
  title: { margin: 0, overflowWrap: 'anywhere' },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});

/** Props of `Section`. */
export interface SectionProps {
  /** The section's title. */
  readonly title: string;
  /** Something shown beside the title, such as a small action. */
  readonly aside?: ReactNode;
  /** Extra classes for the surface. */
  readonly className?: string;
  /** The content. */
  readonly children: ReactNode;
}

/** A labelled region with an `h3`. */
export function Section({ title, aside, className, children }: SectionProps) {
  const styles = useStyles();
  const titleId = useId();
  return (
    <Surface labelledBy={titleId} {...(className ? { className } : {})}>
      <div className={styles.header}>
        <Subtitle2 as="h3" id={titleId} className={styles.title}>
          {title}
        </Subtitle2>
        {aside}
      </div>
      {children}
    </Surface>
  );
}
