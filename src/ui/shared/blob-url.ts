/**
 * One object URL for the latest blob given, revoked when the blob changes or on release.
 * Elements create URLs only while they are on screen: an object URL per photo for a
 * 10,000-photo list would cost a synchronous call each on the main thread, most for cards never seen.
 */
export class BlobUrl {
  private url: string | null = null;
  private blob: Blob | null = null;

  of(blob: Blob | undefined): string | null {
    if (!blob) return null;
    if (blob !== this.blob) {
      this.release();
      this.url = URL.createObjectURL(blob);
      this.blob = blob;
    }
    return this.url;
  }

  release(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.blob = null;
  }
}
