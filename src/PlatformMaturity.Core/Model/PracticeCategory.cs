namespace PlatformMaturity.Model;

/// <summary>The seed's four practice categories, in the seed's order.</summary>
public enum PracticeCategory
{
    Security,
    Efficiency,
    Delivery,
    Availability,
}
