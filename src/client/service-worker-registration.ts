/**
 * Registers the app shell service worker (production builds only: in dev, Vite serves modules
 * the worker would wrongly cache). Returns the registration, or null where there is none.
 */
export async function registerServiceWorker(baseUrl: string): Promise<ServiceWorkerRegistration | null> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return null;
  try {
    return await navigator.serviceWorker.register(`${baseUrl}sw.js`, { scope: baseUrl });
  } catch (error) {
    // The app works without it (online only); say why in the console for whoever debugs.
    console.warn('Altscribe: the offline service worker could not be registered.', error);
    return null;
  }
}
