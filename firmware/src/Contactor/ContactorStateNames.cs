namespace nanoFramework.BMS.Contactor
{
    public static class ContactorStateNames
    {
        public static string Name(ContactorState state)
        {
            switch (state)
            {
                case ContactorState.Closed: return "closed";
                case ContactorState.Precharging: return "precharging";
                case ContactorState.Opening: return "opening";
                default: return "open";
            }
        }
    }
}
