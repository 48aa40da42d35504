import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A film embedded by its URL, privacy-friendly: nothing from the video host loads (no request, no
 * cookie) until the visitor chooses to play it; the direct link works without loading anything here.
 */
export function FilmEmbed({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  return (
    <div className="networkmap-film">
      {playing ? (
        <iframe src={url} title={title} allow="fullscreen; picture-in-picture" referrerPolicy="no-referrer" sandbox="allow-scripts allow-same-origin allow-presentation" />
      ) : (
        <>
          <p>{t('networkmap.film.consent', { host })}</p>
          <div className="networkmap-actions">
            <button type="button" className="button" onClick={() => setPlaying(true)}>{t('networkmap.film.play', { title })}</button>
            <a href={url} rel="noopener noreferrer">{t('networkmap.film.open', { host })}</a>
          </div>
        </>
      )}
    </div>
  );
}
