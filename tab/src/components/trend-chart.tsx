/**
 * The Trends page's charts, drawn with Fluent's chart library. This module is loaded lazily
 * (`React.lazy`), so the charts' weight is paid only when someone opens Trends.
 */
import {
  DataVizPalette,
  getColorFromToken,
  ResponsiveContainer,
  VerticalBarChart,
  VerticalStackedBarChart,
  type VerticalStackedChartProps,
} from '@fluentui/react-charts';
import { REP_KINDS, type RepKind } from '../../../src/api/contracts';
import { useThemeKind } from '../host/use-host-theme';

/** One week's bar: its label and values. */
export interface ChartWeek {
  /** The x-axis label (unique per week). */
  readonly label: string;
  /** Reps by kind. */
  readonly reps: Readonly<Record<RepKind, number>>;
  /** The run of practised weeks ending here. */
  readonly streak: number;
}

/** Props of `TrendChart`. */
export interface TrendChartProps {
  /** Which chart: reps stacked by kind, or the streak. */
  readonly kind: 'reps' | 'streak';
  /** The weeks, oldest first. */
  readonly weeks: readonly ChartWeek[];
  /** The chart's title, for assistive technology. */
  readonly title: string;
  /** Legend text per rep kind, and for the streak. */
  readonly legends: Readonly<Record<RepKind | 'streak', string>>;
}

const HEIGHT = 260;

/** One colour per rep kind, the same in every week's stack and in the legend. */
const KIND_COLORS: Readonly<Record<RepKind, string>> = {
  asked: DataVizPalette.color1,
  accepted: DataVizPalette.color2,
  thanked: DataVizPalette.color3,
};

/** A responsive chart of reps per week or of the streak. */
export default function TrendChart({ kind, weeks, title, legends }: TrendChartProps) {
  const dark = useThemeKind() !== 'light';
  if (kind === 'streak') {
    return (
      <ResponsiveContainer height={HEIGHT}>
        <VerticalBarChart
          chartTitle={title}
          height={HEIGHT}
          hideLegend
          useSingleColor
          colors={[getColorFromToken(DataVizPalette.color1, dark)]}
          yAxisTickCount={4}
          data={weeks.map((week) => ({ x: week.label, y: week.streak, legend: legends.streak }))}
        />
      </ResponsiveContainer>
    );
  }
  const data: VerticalStackedChartProps[] = weeks.map((week) => ({
    xAxisPoint: week.label,
    chartData: REP_KINDS.map((repKind) => ({
      legend: legends[repKind],
      data: week.reps[repKind],
      color: getColorFromToken(KIND_COLORS[repKind], dark),
    })),
  }));
  return (
    <ResponsiveContainer height={HEIGHT}>
      <VerticalStackedBarChart
        chartTitle={title}
        height={HEIGHT}
        yAxisTickCount={4}
        // Wrapped rather than folded into a “+2 more” menu, so every legend stays visible.
        enabledLegendsWrapLines
        data={data}
      />
    </ResponsiveContainer>
  );
}
