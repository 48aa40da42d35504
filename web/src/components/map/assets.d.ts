// Vite's `?url` import: the bundled file's public URL. MapLibre 6 loads its worker from a URL that
// must be set explicitly once the library is bundled into a chunk of our own.
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs?url' {
  const url: string;
  export default url;
}

// Stylesheets imported for their side effect; Vite emits them with the chunk that imports them.
declare module '*.css';
