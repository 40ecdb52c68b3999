/**
 * Hand-rolled SVG bar chart. Why no library: the app needs bars over time and nothing else,
 * this is ~80 lines with no dependency (every chart package we could add would cost 30-200 kB
 * gzip for the same picture), it scales with the viewBox on a phone, and the numbers are also
 * given as a table, so the chart never is the only way to read them.
 */
import { useTranslation } from "react-i18next";
import type { Bar } from "../../lib/reports";

const W = 640;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 8 };

export function BarChart({
  bars,
  title,
  format,
  max,
}: {
  bars: Bar[];
  title: string;
  format: (value: number) => string;
  /** Axis maximum (niceMax of the values). */
  max: number;
}) {
  const { t } = useTranslation();
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, bars.length);
  const barW = Math.max(2, slot * 0.7);
  const every = Math.ceil(bars.length / 8);
  const total = bars.reduce((s, b) => s + b.value, 0);
  return (
    <figure className="chart">
      <figcaption>
        <strong>{title}</strong> <span className="muted">{format(total)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("charts.summary", { title, total: format(total), count: bars.length })}>
        {/* No gridline amounts on an empty chart: "0,01 kr" steps would mean nothing. */}
        {(total > 0 ? [0.5, 1] : []).map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH * (1 - f)} y2={PAD.top + innerH * (1 - f)} className="grid-line" />
            <text x={W - PAD.right} y={PAD.top + innerH * (1 - f) - 3} textAnchor="end" className="axis">
              {format(Math.round(max * f))}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} className="base-line" />
        {bars.map((b, i) => {
          const h = max > 0 ? (Math.max(0, b.value) / max) * innerH : 0;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={b.from}>
              <rect x={x} y={PAD.top + innerH - h} width={barW} height={h} className="bar">
                <title>{`${b.label}: ${format(b.value)}`}</title>
              </rect>
              {i % every === 0 && (
                <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="axis">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
