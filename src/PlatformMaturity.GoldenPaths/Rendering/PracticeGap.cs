namespace PlatformMaturity.GoldenPaths.Rendering;

/// <summary>
/// A practice in effect at the stack's level that a golden path would use, but that the platform does not provide
/// on its target, so the app does not get what the golden path would add for it.
/// </summary>
/// <param name="Practice">The practice's name.</param>
/// <param name="Since">The first level that has it in effect.</param>
/// <param name="NotApplicable">True when it cannot apply to the target; false when it is not implemented yet.</param>
/// <param name="Reason">Why it does not apply (the platform's own words), or "not implemented yet".</param>
/// <param name="Missing">What the app does not get (from <c>_shared/practices.yaml</c>).</param>
public sealed record PracticeGap(string Practice, int Since, bool NotApplicable, string Reason, string Missing)
{
    /// <summary>One sentence for the app's PLATFORM.md and pmctl's output.</summary>
    public string Sentence => NotApplicable
        ? $"{Practice} (from Level {Since}) does not apply to this target ({Reason}), so the app does not get {Missing}."
        : $"{Practice} (from Level {Since}) is not implemented by the platform yet, so the app does not get {Missing}.";
}
