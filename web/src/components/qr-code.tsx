import { useEffect, useState } from 'react';

export type QrSvg = { status: 'loading' } | { status: 'ready'; svg: string } | { status: 'failed' };

/**
 * Renders `value` as a QR code in SVG. The library is loaded only here, on first use, so it stays out
 * of the shell's and the nurse app's bundles; if it cannot be loaded the caller falls back to text.
 */
export function useQrSvg(value: string): QrSvg {
  const [state, setState] = useState<{ value: string; qr: QrSvg }>({ value, qr: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    import('qrcode')
      // Error correction M and the standard quiet zone of four modules: what phone cameras read best.
      .then(({ default: qrcode }) => qrcode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 192 }))
      .then(
        (svg) => current && setState({ value, qr: { status: 'ready', svg } }),
        () => current && setState({ value, qr: { status: 'failed' } }),
      );
    return () => {
      current = false;
    };
  }, [value]);
  return state.value === value ? state.qr : { status: 'loading' };
}

/**
 * The SVG markup comes from the QR library for a URI our own server made, so setting it as HTML is safe
 * and needs no change to the Content-Security-Policy (no script, no external resource, no inline style).
 */
export function QrCode({ svg, label }: { svg: string; label: string }) {
  return <div className="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
