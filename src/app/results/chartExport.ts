/**
 * Saving a chart as a file: the chart's SVG serialized as it is drawn (SVG), or drawn on a canvas
 * at twice its size (PNG), with its legend or title on top. Text keeps the page's font family
 * through an embedded style element.
 */

import { textWidth } from './ChartParts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The chart's SVG: its one block, or, for a chart drawn in several blocks, a detached SVG that
 * stacks copies of the blocks top to bottom. Null when the container has none.
 */
export function chartSvgOf(container: HTMLElement): SVGSVGElement | null {
  const parts = [...container.querySelectorAll<SVGSVGElement>('svg.chart-svg')];
  if (parts.length <= 1) return parts[0] ?? null;
  const stacked = document.createElementNS(SVG_NS, 'svg');
  let top = 0;
  let width = 0;
  for (const part of parts) {
    const box = part.getBoundingClientRect();
    const block = document.createElementNS(SVG_NS, 'g');
    block.setAttribute('transform', `translate(0 ${top})`);
    for (const child of part.childNodes) block.appendChild(child.cloneNode(true));
    stacked.appendChild(block);
    top += box.height;
    width = Math.max(width, box.width);
  }
  stacked.setAttribute('width', String(width));
  stacked.setAttribute('height', String(top));
  stacked.dataset.fontFamily = getComputedStyle(parts[0]!).fontFamily;
  return stacked;
}

/** Size of a chart SVG: its layout box on the page, or the size a stacked copy was given. */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  if (svg.isConnected) return svg.getBoundingClientRect();
  return { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) };
}

/** Heading of a saved chart, above its plot: a legend of its series, or a title. */
export interface ChartHeading {
  legend?: readonly LegendEntry[];
  title?: string;
}

/**
 * Serializes a chart SVG as a standalone document: namespaces, explicit size, a white background,
 * the heading and the font family of the page, so that it looks the same outside the page.
 */
export function serializeChart(svg: SVGSVGElement, heading: ChartHeading = {}): { markup: string; width: number; height: number } {
  const { width, height: plotHeight } = sizeOf(svg);
  const legend = heading.legend ?? [];
  const legendHeight = legend.length > 0 || heading.title ? 24 : 0;
  const height = plotHeight + legendHeight;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // The highlight of the row under the pointer is not part of the chart.
  copy.querySelectorAll('.chart-hover').forEach((element) => element.remove());
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  copy.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const style = document.createElementNS(SVG_NS, 'style');
  const fontFamily = svg.isConnected ? getComputedStyle(svg).fontFamily : svg.dataset.fontFamily;
  style.textContent = `text { font-family: ${fontFamily || 'sans-serif'}; }`;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  const plot = document.createElementNS(SVG_NS, 'g');
  plot.setAttribute('transform', `translate(0 ${legendHeight})`);
  while (copy.firstChild) plot.appendChild(copy.firstChild);
  copy.append(style, background, heading.title ? titleText(heading.title) : legendGroup(legend), plot);
  return { markup: new XMLSerializer().serializeToString(copy), width, height };
}

/** A series in a chart's legend: its name, its color, and whether it is drawn as published figures. */
export interface LegendEntry {
  name: string;
  color: string;
  published?: boolean;
}

/** Draws the title as SVG text. */
function titleText(title: string): SVGTextElement {
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', '12');
  text.setAttribute('y', '16');
  text.setAttribute('font-size', '12');
  text.setAttribute('fill', '#374151');
  text.textContent = title;
  return text;
}

/** The legend as SVG: the page draws it in HTML, outside the SVG that is saved. */
function legendGroup(legend: readonly LegendEntry[]): SVGGElement {
  const group = document.createElementNS(SVG_NS, 'g');
  let x = 12;
  for (const entry of legend) {
    const swatch = document.createElementNS(SVG_NS, 'rect');
    swatch.setAttribute('x', String(x));
    swatch.setAttribute('y', '6');
    swatch.setAttribute('width', '12');
    swatch.setAttribute('height', '12');
    swatch.setAttribute('fill', entry.color);
    if (entry.published) {
      swatch.setAttribute('fill-opacity', '0.35');
      swatch.setAttribute('stroke', entry.color);
      swatch.setAttribute('stroke-dasharray', '3 2');
    }
    const label = document.createElementNS(SVG_NS, 'text');
    label.setAttribute('x', String(x + 16));
    label.setAttribute('y', '16');
    label.setAttribute('font-size', '12');
    label.textContent = entry.name;
    group.append(swatch, label);
    x += 16 + textWidth(entry.name, 12) + 20;
  }
  return group;
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves a blob under a file name through the browser's download. */
export function saveBlob(blob: Blob, fileName: string): void {
  download(blob, fileName);
}

/** Saves the chart as an SVG file. */
export function saveChartSvg(svg: SVGSVGElement, fileName: string, heading: ChartHeading = {}): void {
  download(new Blob([serializeChart(svg, heading).markup], { type: 'image/svg+xml' }), fileName);
}

/** Draws the chart's SVG on a canvas at `scale` times its size and returns it as a PNG blob. */
export async function chartPng(svg: SVGSVGElement, heading: ChartHeading = {}, scale = 2): Promise<Blob> {
  const { markup, width, height } = serializeChart(svg, heading);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser gave no 2D canvas to draw the chart on; save it as SVG instead.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The canvas could not be encoded as PNG; save the chart as SVG instead.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves the chart as a PNG file at twice its size on screen. */
export async function saveChartPng(svg: SVGSVGElement, fileName: string, heading: ChartHeading = {}): Promise<void> {
  download(await chartPng(svg, heading), fileName);
}
