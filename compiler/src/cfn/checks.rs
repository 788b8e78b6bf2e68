//! Diagnostics of the CloudFormation bundle (codes `L110`–`L111`): limits and references that
//! only show when the template is put together.

crate::define_codes! {
    /// ## What it does
    /// Reports hours of operation whose `closed on` calendars give more than 50 dates; Connect
    /// allows 50 overrides per hours of operation. The bundle deploys the 50 earliest.
    ///
    /// ## Why is this bad?
    /// The later holidays and closures would not close the queues: callers would reach an
    /// empty contact center on those days.
    ///
    /// ## Example
    /// ```dial
    /// hours Business { timezone Asia/Tokyo  mon-fri 9:00-18:00  closed on TenYearsOfHolidays }
    /// ```
    ///
    /// ## Use instead
    /// Keep about one year of dates in the calendar and add the next year before it starts.
    TOO_MANY_HOLIDAY_OVERRIDES = "L110" "too-many-holiday-overrides" Check Warning "hours of operation need more than 50 holiday overrides";

    /// ## What it does
    /// Reports a flow of the bundle that refers to another flow of the bundle (a transfer, a
    /// module, a whisper) when the reference would make the template circular; that reference
    /// keeps the ARN from the environment file.
    ///
    /// ## Why is this bad?
    /// CloudFormation cannot create two resources that refer to each other, so the template
    /// refers to the flow already deployed in the environment, not to the one it creates; on a
    /// first deployment that flow may not exist yet.
    ///
    /// ## Example
    /// ```dial
    /// flow A { kind inbound  start { transfer to flow B } }
    /// flow B { kind inbound  start { transfer to flow A } }
    /// ```
    ///
    /// ## Use instead
    /// Break the cycle (route both to a shared module), or deploy one of the flows first.
    UNRESOLVED_FLOW_REFERENCE = "L111" "circular-flow-reference" Check Warning "a flow reference in the template would be circular";
}
