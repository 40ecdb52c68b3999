export function AccountantHome() {
  return (
    <section>
      <h1>Bookkeeping</h1>
      <p className="notice">
        The nightly Fortnox sync is not built yet. When it is, this page lists each night's vouchers with their
        Fortnox numbers, the errors to fix, and the account mapping.
      </p>
    </section>
  );
}
