/**
 * The raised card every page puts its content on, so all pages share one look on Teams' canvas.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  surface: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High-contrast themes drop shadows; the border keeps the edge visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    },
  },
});

/** Props of `Surface`. */
export interface SurfaceProps {
  /** Id of the heading that names this region for assistive technology. */
  readonly labelledBy: string;
  /** Extra classes, for layout tweaks such as centring. */
  readonly className?: string;
  /** The content. */
  readonly children: ReactNode;
}

/** A labelled region on a raised card. */
export function Surface({ labelledBy, className, children }: SurfaceProps) {
  const styles = useStyles();
  return (
    <section className={mergeClasses(styles.surface, className)} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
