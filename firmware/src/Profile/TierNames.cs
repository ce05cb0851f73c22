namespace nanoFramework.BMS.Profile
{
    public static class TierNames
    {
        public static string Name(Tier tier)
        {
            switch (tier)
            {
                case Tier.Operating: return "operating";
                case Tier.Recommended: return "recommended";
                default: return "maximum";
            }
        }
    }
}
