namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// Remaining energy and the time to empty or to full at the present current. The pack is
    /// empty when its emptiest cell is, so the charge left is the weakest cell's state of charge
    /// times the capacity; the energy is that charge taken off the average cell's OCV curve
    /// (from its state of charge down by the same amount), times the cells in series. Full is
    /// when the fullest cell is.
    /// </summary>
    public sealed class RangeEstimate
    {
        /// <summary>Energy the pack can still deliver at open-circuit voltage, Wh.</summary>
        public float RemainingWh;

        /// <summary>Charge the pack can still deliver, Ah.</summary>
        public float RemainingAh;

        /// <summary>Seconds until empty at the present discharge current, -1 while not discharging.</summary>
        public int ToEmptySeconds = -1;

        /// <summary>Seconds until full at the present charge current, -1 while not charging.</summary>
        public int ToFullSeconds = -1;

        public void Update(OcvTable ocv, int cells, float capacityAh, float socPack, float socMin, float socMax, float meanAmps, float restAmps)
        {
            float left = socMin < 0f ? 0f : (socMin > 1f ? 1f : socMin);
            float room = socMax > 1f ? 0f : (socMax < 0f ? 1f : 1f - socMax);
            RemainingAh = left * capacityAh;
            float top = socPack < left ? left : socPack;
            RemainingWh = cells * capacityAh * (ocv.EnergyBelow(top) - ocv.EnergyBelow(top - left));
            ToEmptySeconds = meanAmps < -restAmps ? Seconds(RemainingAh, -meanAmps) : -1;
            ToFullSeconds = meanAmps > restAmps ? Seconds(room * capacityAh, meanAmps) : -1;
        }

        private static int Seconds(float ah, float amps)
        {
            float seconds = ah * 3600f / amps;
            return seconds > 8640000f ? 8640000 : (int)seconds;
        }
    }
}
