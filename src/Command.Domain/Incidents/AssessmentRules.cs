namespace Command.Domain.Incidents;

/// <summary>
/// Versions of the rules that judge units and raise flags, stamped on an incident's <see cref="Events.IncidentOpened"/>
/// (with the options it was opened under) and on <see cref="Events.RulesAdopted"/>. A session is replayed under the
/// rules it was recorded under: its own version and options, or, for a version this build no longer derives, its
/// recorded flags.
/// </summary>
public static class AssessmentRules
{
    /// <summary>
    /// Sessions recorded before rules carried a version: arrival widened by the threat's uncertainty (50 m for a
    /// marker whose uncertainty was unknown), and a flag cleared whenever the unit showed closing at 0.3 m/s. This build
    /// replays them from their recorded flags.
    /// </summary>
    public const int Unversioned = 1;

    /// <summary>
    /// Arrival is being there (the contact radius, in the threat's building and on its floor where known); a hold is
    /// one flag episode that ends only on real progress; each unit's noise is learned from its fixes.
    /// </summary>
    public const int RealArrival = 2;

    /// <summary>
    /// The distance to the threat carries one axis of a stated accuracy; a fix stays out of the hold test only when it
    /// is as far off as multipath throws one; a unit in contact indoors arrives on its settled position within its
    /// noise allowance; progress shows at the further of the latest two fixes and, from a quick device, on four in a
    /// row; the progress anchor moves only while the unit's line shows it closing.
    /// </summary>
    public const int RadialNoise = 3;

    /// <summary>
    /// A unit that leaves contact is judged to have fallen back only once it is plainly out of it (beyond the
    /// hysteresis, or out of the threat's building, by two and a half times its settled position's own error), and
    /// is then flagged as moving away at once; before that, standing still says nothing of where it stands. A slow
    /// device is at the threat on its second fix there. A quick device's progress ends a hold on three fixes in a row,
    /// and its hold is confirmed at 97.7 % rather than 95 %. A hold tested from a burst of outliers toward the threat
    /// must show without it.
    /// </summary>
    public const int PlainlyOut = 4;

    /// <summary>
    /// A hold is flagged only where the unit is plainly out of contact too: one standing still where its fixes cannot
    /// tell it from a unit in contact (the median of the fixes that show it standing is within the hysteresis, and not
    /// out of the threat's building, by two and a half times its own error) is not flagged until they can, its hold
    /// still counted from its start. Nor is a unit found holding while one of its latest fixes is a step toward the
    /// threat longer than a jog: it is closing fast, or its fixes are coming back from a burst of outliers. A unit
    /// that fell back is in contact again only when the middle of its last 30 s of fixes is within the hysteresis too.
    /// A unit sent from staging (or any role that does not close) into a closing role is judged from when it was sent.
    /// </summary>
    public const int HeldOutOfReach = 5;

    /// <summary>
    /// Where a unit stands, for whether it is plainly out of contact or back in it, is the robust mean of its fixes
    /// (a Huber mean at twice its noise) once there are six of them, not their median: it knows the position a fifth
    /// better, so a unit that fell back down a hallway is shown plainly out sooner and fewer units in contact are not.
    /// </summary>
    public const int RobustMiddle = 6;

    /// <summary>
    /// While any of its latest four fixes is inside a building, a unit is judged on the noise of its fixes inside
    /// (learned apart from its fixes outdoors, from four of them), when that is larger: a clean radio that goes in
    /// scatters 20 m and more, and judged on its outdoor noise for the minutes its learned noise took to catch up,
    /// it was shown plainly out of contact.
    /// </summary>
    public const int IndoorNoise = 7;

    /// <summary>
    /// Real progress that ends a hold clears its flag on that fix, with the unit shown closing at the rate of the
    /// progress line: before, a unit turning back kept its flag, and its old words, until the 30 s rate window no longer
    /// spanned the turn. Progress must beat two and a quarter times its noise rather than twice.
    /// </summary>
    public const int ClearedOnProgress = 8;

    /// <summary>
    /// A flag says what the board shows: a unit that fell back from contact is shown moving away for as long as that
    /// hold lasts; a unit in any other hold is shown moving away once its fixes since the hold began have shown it on
    /// three fixes in a row (as many as a burst of multipath lasts) and its rate shows it too, and holding again once
    /// neither does. The words, the flag's state and its watch and alert times all
    /// follow the state shown. Before, the board could show a unit moving away while its flag said "holding", or
    /// holding while its flag said it fell back, and the flag's state turned on a burst of multipath.
    /// </summary>
    public const int ShownAsFlagged = 9;

    /// <summary>
    /// A unit that held and then sets off away from the threat is shown moving away once its fixes over the 30 s rate
    /// window show it, all but one of its latest four fixes are beyond where it held by more than twice and a quarter
    /// their noise, and that has held on three fixes in a row. Before, its fixes since the hold began bent where it set
    /// off and showed nothing either way until the hold had left the two minutes of evidence a track keeps: a unit
    /// walking away from a phone reporting every 5 s was shown holding for a minute or more after it set off.
    /// A watch that escalates while acknowledged is recorded, quietly (<see cref="Events.FlagEscalated.Acknowledged"/>):
    /// before, only the board knew, and a restart, a replay or the report showed the hold at watch. A zone's flag
    /// clears with what ended its condition: the units now there (by callsign), the threat's phase when the threat is
    /// no longer active (or contained, for a casualty collection point), or the active threat having left a hot zone.
    /// Before, it always said a contact unit was in the hot zone, or a medical unit at the collection point, even when
    /// the threat's being neutralized had cleared it with nobody there.
    /// </summary>
    public const int SetOffShown = 10;

    /// <summary>
    /// While a drill drives the incident, units are judged on the drill's clock (<see cref="DrillClock"/>): a pause stops
    /// it, so a drill paused to talk it through flags nobody and ages no hold; at 4× it runs four seconds to each, so a
    /// hold the script makes four minutes long is flagged, escalated and worded as four minutes. Before, both were
    /// judged on the incident's clock: a pause grew every hold, and at 4× that hold was judged one minute long.
    /// </summary>
    public const int DrillTime = 11;

    /// <summary>
    /// A unit in contact stays there while its smoothed position (its fixes of the last 10 s, and at least three) is
    /// within the radius and its hysteresis, as well as while the middle of its last 30 s is: a slow radio's last seven
    /// fixes reach back to its walk in, and the first of its fixes in contact to stray a few metres had it leaving
    /// contact, plainly out, and flagged as falling back at once.
    /// </summary>
    public const int KeptOnLatest = 12;

    /// <summary>
    /// In a hold, where the unit is judged from stays where the hold began until real progress ends it (a stair climb
    /// still moves it). Before, a burst of multipath fixes toward the threat, or a creep too small to be progress,
    /// moved it on, and the fixes coming back from there showed the unit moving away: its flag turned from holding to
    /// moving away and back, and each turn brought back a flag a commander had acknowledged.
    /// </summary>
    public const int AnchoredInHold = 13;

    /// <summary>
    /// A report's altitude shows a climb (the stairs, a floor on the walk graph) only when it states a vertical
    /// accuracy of half a floor or better. Before, any altitude did: a phone's GPS altitude, wandering by metres from
    /// fix to fix, read as stair climbs that ended every hold, and a unit standing 80 m out was never flagged.
    /// </summary>
    public const int BarometricClimbs = 14;

    /// <summary>
    /// A unit is not stale before the time its latest report says its fix stands until (CoT's <c>stale</c>, the JSON
    /// API's <c>staleAt</c>), up to <see cref="Assessment.AssessmentOptions.LongestStatedStale"/>. A report that says so
    /// and states a speed below walking pace is taken at its word: 45 s without another report is a hold from that
    /// report on, and the hold grows with the clock while the fix stands, not only at the unit's next fix. Before,
    /// only the cadence learned from its reports counted, and only its fixes: ATAK reports every 180 s standing still
    /// through a TAK server (and says its fix stands for 375 s), so an officer who stopped short was stale a minute
    /// after his walk in ended, and flagged on his second or third report from the hold, four to seven minutes in.
    /// </summary>
    public const int StatedStale = 15;

    /// <summary>
    /// A flag's words give the unit's distance as the board shows it, from its latest fix. Before, they gave the
    /// smoothed distance the judge measures progress on, the median of at least three fixes: from a phone reporting
    /// every 75 m it lagged a walk by a fix, and an officer shown 110 m from the threat was flagged "holding 3 min at
    /// 163 m". When the flags are raised and cleared is unchanged.
    /// </summary>
    public const int ShownDistance = 16;

    /// <summary>
    /// A unit shown moving away that turns back is cleared on progress from where it turned (the middle of its latest
    /// five held distances). Before, progress was counted from the middle of all seven it kept, which lags a retreat by
    /// a fix: a phone every 8 s that backed away at a walk and turned back was cleared 34 s after the turn, not 26.
    /// </summary>
    public const int TurnedBack = 17;

    /// <summary>
    /// A fix from a device reporting every 5 s or faster that lands further from where its recent fixes put the unit
    /// than their noise and a jog allow is held back. When the next fix is back on the track, the held-back ones were a
    /// burst of multipath and are set aside; when three in a row, or 20 s of them, stay off it, the unit really moved
    /// and they are taken in. Before, a burst of two fixes toward the threat moved where progress was counted from, and
    /// the fixes after it read as a stop: a unit closing at a walk was flagged holding for a minute. A burst away read
    /// as a stop or a retreat. Fixes a second apart also count as one in two for how well a unit's position is known:
    /// a phone's receiver smooths them, and their errors are shared.
    /// </summary>
    public const int HeldBackBursts = 18;

    /// <summary>
    /// A unit kept in contact beyond the radius and its hysteresis, which only the noise of its fixes keeps there, says
    /// so in why it counts as arrived, and in the words of a flag its arrival clears: "inside B12, 27 m from the threat,
    /// fixes ±20 m". Before, it said "inside B12, 27 m from the threat" beside "arrived", which reads as a
    /// contradiction. When units arrive and leave, and when flags rise and clear, is unchanged.
    /// </summary>
    public const int NoiseKeptWords = 19;

    /// <summary>
    /// A hold shown by five fixes or fewer must show without any one of them, not only without the latest: too few for
    /// the fit to set a wild fix aside. Before, one fix of a slow device thrown toward the threat had progress counted
    /// from it, and the unit's real fixes after it read as a stop: an app every 15 s walking in was flagged holding on
    /// its fifth fix.
    /// </summary>
    public const int AnyOneLeftOut = 20;

    /// <summary>
    /// A device reporting slower than every 12 s (every 15 s, as many apps and trackers do) shows a hold on one fix,
    /// not two in a row: the second came 15 s later, and the flag with it, a minute or more after the first fix from
    /// the hold. A short tail left with two fixes when one is left out must rule out closing by one standard error,
    /// so that the noise of two fixes does not confirm what a wild third began.
    /// </summary>
    public const int OneSlowFix = 21;

    /// <summary>
    /// Why a unit counts as arrived gives the distance the board shows, its latest fix's, where that is in contact too,
    /// and so does the flag its arrival clears. Before, it gave the middle of its last 30 s, which for a unit that has
    /// just walked in is still out on the walk: "inside B12, 20 m from the threat" beside a board showing 6 m. When
    /// units arrive and leave, and when flags rise and clear, is unchanged.
    /// </summary>
    public const int BoardDistanceWords = 22;

    /// <summary>
    /// A unit is in a zone where it stands, the middle of its latest three fixes, not wherever its latest fix fell:
    /// one fix thrown 3 m into the hot zone took the demo's officer holding outside it in, the exit margin kept him
    /// there, and the hot zone was never flagged for having no contact unit while he held outside for four minutes.
    /// A report the judge holds back as a burst of multipath moves no unit into a zone either.
    /// </summary>
    public const int ZonesWhereItStands = 23;

    /// <summary>
    /// An acknowledged flag comes back when the unit does worse than it did when it was acknowledged — one acknowledged
    /// holding moves away — or the acknowledgement runs out. Before, it came back on any change: a unit acknowledged
    /// moving away had its flag raised again the moment it stopped or turned back toward the threat, just as the
    /// officer re-engaged.
    /// </summary>
    public const int AcknowledgedUntilWorse = 24;

    /// <summary>
    /// An officer who held outside the threat's building and has gone in arrives on the middle of his last 30 s of
    /// fixes within the contact radius and his noise allowance, as a unit in no hold does, once that middle stands
    /// inside the building by half its own error. Before, a unit in a hold was allowed nothing for its noise: an officer
    /// who waited outside and then went in, his indoor fixes 20-40 m off, was still flagged minutes after he reached
    /// the threat. A unit that stopped or fell back inside the building is still allowed nothing.
    /// </summary>
    public const int GoneInFromOutside = 25;

    /// <summary>
    /// A flag gives the board's distance, from the unit's latest fix, unless that reads as contact while the middle of
    /// its last 30 s of fixes, on which the flag rests, is beyond it: then both, and how far off its fixes are ("now
    /// 45 m from the threat by the middle of its reports (the latest 8 m, fixes ±49 m)"). Before, a noisy officer
    /// who fell back down the hallway was flagged "fell back from contact 16 s ago, now 8 m from the threat". When
    /// flags rise and clear is unchanged.
    /// </summary>
    public const int ContactDistanceWords = 26;

    /// <summary>
    /// A unit whose reports of the last 30 s show it faster than a run, by more than their noise allows (and, while they
    /// are fewer than five, lie along that line), is in a vehicle, and its reports are all taken in: a car covers what
    /// multipath throws a fix in a few seconds. Before,
    /// a patrol car driving in had its reports held back as multipath (its track's pace was taken at a run at most),
    /// and the board showed it 50-230 m behind where it was. Units on foot are judged as before.
    /// </summary>
    public const int VehiclesTakenIn = 27;

    /// <summary>
    /// A unit whose device says the speed it measures (and has said it moved) is listened to. Outdoors, reports that say
    /// it stands still (below 0.25 m/s) for 10 s, on two at least, confirm a hold at once where its fixes do not show it
    /// walking in. Progress ends a hold on one fix, beyond half its noise, where its speed says it walks (0.8 m/s
    /// outdoors, 1.2 m/s on its latest two indoors); where its latest report says it stands still, progress must show on
    /// four fixes in a row, one more than a burst of multipath lasts. Before, a burst toward the threat from a device
    /// every 8 s cleared a standing unit's flag, raised again a fix later; and a hold outdoors waited for its fixes.
    /// </summary>
    public const int SpeedsHeard = 28;

    /// <summary>
    /// A unit whose device says its course with its speed is heard on which way it heads: its speed along the bearing
    /// to the threat, or along the walking path where the site has one (outdoors; indoors on its latest two reports, at
    /// 1.2 m/s), where the unit stands beyond the contact radius and hysteresis and its noise. Heading for the threat at
    /// the hold speed or more, it is not holding, unless its fixes over the last 60 s rule out its closing at that
    /// speed. In a hold, reports saying so for 10 s since it began, with its fixes nearer than where it held, are
    /// progress ("closing at 1.2 m/s (its device says it heads for the threat)"). Heading away at walking pace for 10 s
    /// outdoors, it is moving away from its first such report ("(its device says it heads away)"). A course across or
    /// away withdraws the lower bar for progress a speed alone earns. Outdoors the closing rate shown, and followed by
    /// the state, is the receiver's. Before, a unit whose fixes scattered while it walked in was flagged, one walking
    /// back in was cleared only once its fixes' line bore it out, and one walking away was shown closing at 0.0 m/s.
    /// </summary>
    public const int CoursesHeard = 29;

    /// <summary>
    /// A unit in contact whose device says its speed and course has walked off when its reports, added up over a walk
    /// (each report's velocity over the time to the next), since it said it stood there, come to more than the contact
    /// radius and its hysteresis and five times their own error (half a metre a second on each axis indoors, a tenth
    /// under the sky): it fell back, from the report before the walk, whatever its fixes show ("fell back from contact
    /// 40 s ago (its device says it walked 34 m from there)"). It is back in contact when its reports add up to a walk
    /// back the way it went, as far as puts it within the radius of where it stood. Before, an officer who fell back
    /// 30-50 m down a hallway, his fixes 20-40 m off, was shown in contact for minutes, and came back into contact on
    /// the scatter of his fixes.
    /// </summary>
    public const int WalkedOffHeard = 30;

    /// <summary>
    /// A unit whose device says it heads for the threat is not holding unless its fixes rule out its closing over a
    /// minute since its last progress; before, over the last minute, however much of it the unit spent on a retreat it
    /// has since turned back from: cleared as it walked back in at 1.6 m/s, it was flagged again, moving away or
    /// holding, on a line through the retreat.
    /// </summary>
    public const int StandSinceProgress = 31;

    /// <summary>
    /// A unit in a hold whose reports have said for 10 s that it heads for the threat is cleared where they add up to a
    /// walk toward it (each report's closing speed over the time to the next) longer than five times their own error,
    /// as well as where its fixes put it nearer than where it held: "closing at 1.5 m/s (its device says it walked 22
    /// m toward the threat); …". Before, a unit walking in through the wall, its fixes inside 20-40 m off, kept its
    /// flag until its fixes showed it nearer or it was seen to arrive.
    /// </summary>
    public const int WalkedInHeard = 32;

    /// <summary>
    /// Outdoors, a unit in a hold whose receiver said at every report over the rate window that it stood (below the
    /// hold speed) is cleared on its fixes only where their closing rate's lower bound is above the hold speed, not
    /// merely above zero. Before, a phone every 1-3 s with a wandering bias, its receiver saying 0.1 m/s for ten
    /// minutes, was cleared on a line of fixes closing at 0.5 m/s and flagged again a few fixes later.
    /// </summary>
    public const int StandingHeardOverFixes = 33;

    /// <summary>
    /// A unit's receiver that said it stood all through a walk in its fixes plainly showed, and that cleared its flag,
    /// is not heard saying it stands until it has said otherwise: its fixes judge it. Before, a phone whose speed read
    /// 0 as it walked in again was cleared on its fixes and flagged "holding 2 min" again a report later. When progress
    /// last ended a hold is kept with the unit's progress (<see cref="Assessment.ProgressAnchor.ClearedAt"/>).
    /// </summary>
    public const int StillWordAfterClear = 34;

    /// <summary>
    /// A unit heard walking off from contact may have said it stood there over the rate window before it was judged
    /// arrived, not only since: indoors a noisy unit is judged arrived late, and one that stood at the threat half a
    /// minute and was judged there only as it set off down the hallway was not heard walking off, and was flagged on
    /// its fixes a minute or more late.
    /// </summary>
    public const int StoodBeforeArrival = 35;

    /// <summary>
    /// Indoors, a unit that fell back and whose receiver says its course is back in contact on its fixes only where its
    /// reports since the fall back add up to a walk toward the threat as long as contact reaches and twice their own
    /// error: the middle of 30 s of fixes 20-40 m off fell within contact now and then for a unit still standing down the
    /// hallway, which was cleared as arrived and flagged again. And one heard walking off may come back that way too,
    /// not only on a walk back heard on its own: a device reporting every 10 s or slower stayed flagged in contact.
    /// </summary>
    public const int WalkBearsOutReturn = 36;

    /// <summary>
    /// A unit in contact in the threat's building whose receiver says its course, and whose reports since it arrived
    /// (two minutes back at most) add up to no walk as long as contact reaches, stays in contact however its fixes
    /// drift: "arrived: inside B1, 31 m from the threat, fixes ±25 m; its device says it has not walked off". A
    /// wandering bias carried the middle of an officer's indoor fixes out of contact while he stood at the threat, and
    /// he was flagged as falling back.
    /// </summary>
    public const int StoodOnItsWord = 37;

    /// <summary>
    /// A unit in contact in the threat's building is heard walking off on its receiver's indoor error (half a metre a
    /// second), wherever a drifting fix puts it: judged at a receiver's error outdoors once its fixes drifted out of a
    /// small building, an officer standing at the threat was heard walking off on his receiver's noise.
    /// </summary>
    public const int IndoorReceiverInContact = 38;

    /// <summary>
    /// A unit in contact is kept there on its receiver's word unless its reports add up to a walk out of contact of
    /// twice their own error, not once: over two minutes a phone's noise indoors adds up to 20 m now and then, and
    /// units standing at the threat were flagged on their fixes' multipath as falling back.
    /// </summary>
    public const int StoodOnItsWordTwice = 39;

    /// <summary>
    /// A unit in contact is heard walking off on a walk of three times its receiver's own error, not five, where the
    /// middle of its fixes since the walk began is out of contact by twice its own error: a device every 10 s or
    /// slower has two or three reports on a fall back down the hallway, too few for five times.
    /// </summary>
    public const int ShorterWalkOff = 40;

    /// <summary>
    /// Words only: a unit in contact by the middle of its reports while its latest fix, which the board shows, reads
    /// beyond contact says both, "inside B1, 6 m from the threat by the middle of its reports (the latest 31 m, fixes
    /// ±12 m)", as a fall back flag already does the other way round.
    /// </summary>
    public const int ArrivalSaysBoth = 41;

    /// <summary>
    /// A unit heard walking off from contact is back on a walk back of three times its receiver's own error, not five,
    /// where the middle of its last 30 s of fixes is within contact's reach by its own error: a device every 10 s or
    /// slower has too few reports on the walk back for five times, and its flag stayed up in contact.
    /// </summary>
    public const int ShorterWalkBack = 42;

    /// <summary>
    /// A unit that fell back from contact on its fixes is back on its receiver's word too: a walk toward the threat
    /// from where its fixes had it since, as far as puts it within the radius (three times the walk's error where the
    /// middle of its last 30 s of fixes bears it out, as for one heard walking off). And one back on its receiver's
    /// word stood there only since it was back: the rest of its walk in is no walk off, and it is kept in contact on
    /// its receiver's word from then.
    /// </summary>
    public const int WalkedBackToThreat = 43;

    /// <summary>
    /// An officer who held outside the threat's building and has gone in arrives, too, on the middle of his latest four
    /// fixes (over the rate window, where he has more), within the contact radius and his noise allowance: the seven
    /// the settled position takes, from a device every 15-30 s, reach back to where he held, and his flag stayed up a
    /// minute after he reached the threat. Nothing takes him there while his receiver says he stands still under the
    /// sky (three reports and the rate window's below 0.25 m/s, one of them above 0): a bias or a burst of multipath
    /// that carries his fixes into the building has not.
    /// </summary>
    public const int WentInOnLatestFixes = 44;

    /// <summary>
    /// Progress that ends a hold starts as a walk does: while the fixes nearer than where the unit held are no more than
    /// a burst of multipath lasts (three), the step to the first of them is no faster than the steps after it, give or
    /// take twice its noise — unless its receiver says it heads for the threat, or it is near the threat, where a walk
    /// in ends as it arrives. A burst jumps there at once and stands: two such reports from a radio every 20 s cleared
    /// a unit standing 200 m out, flagged again a minute later. And a flag on a unit its reports put within reach of the
    /// threat says what keeps it from it: outside the threat's building, on another floor, or, through a burst that
    /// carries the reports of an officer waiting by the wall inside, his receiver's word that he stands still outside.
    /// </summary>
    public const int WalkStartsProgress = 45;

    /// <summary>
    /// A hold the unit's receiver says (outdoors, every report since the first below a quarter of a metre a second)
    /// whose fixes since that first report show it walking in is judged from a later report, where its fixes since
    /// (three at least) do not: a burst of multipath as the unit stopped made a line through its first still reports
    /// walk it in, and a radio every 20 s was flagged a minute late.
    /// </summary>
    public const int StillPastABurst = 46;

    /// <summary>
    /// Where a unit's receiver says it stands still under the sky, it stands, for the zones it is in, at the middle of
    /// its latest seven fixes, not three: a burst of multipath drags three reports in a row, and took an officer waiting
    /// by a building's wall into the hot zone, clearing its flag.
    /// </summary>
    public const int StandsStillInItsZone = 47;

    /// <summary>
    /// Progress's first step may be half as fast again as the steps after it (see <see cref="WalkStartsProgress"/>): an
    /// officer on a radio every 20 s who dashed 30 m from cover and then walked was cleared a report late one time in five.
    /// </summary>
    public const int DashFromCover = 48;

    /// <summary>
    /// Where the walk to the threat goes round walls, so that it is a quarter longer than the straight line or more, a
    /// flag and its clear say both: "holding 2 min at 89 m from the threat by path (34 m straight)". Said as "89 m" alone,
    /// it read as wrong beside an officer's dot 34 m from the threat's, south of the building the threat is in.
    /// </summary>
    public const int PathInWords = 49;

    /// <summary>
    /// A walk-graph node within half a metre of a building's wall is on it: a door, seen from inside and outside. Drawn a
    /// few centimetres off its wall, a door was seen from that side only, and a unit outside walked round to the next
    /// node it could see: 64 m to a threat 46 m away through the door.
    /// </summary>
    public const int DoorsOnTheWall = 50;

    /// <summary>
    /// Outdoors, the walk to the threat goes round buildings by their corners, from any distance: a point a metre off
    /// each outward corner is joined by sight to the others and to the graph's doors and outdoor nodes, and a unit
    /// outdoors to every one of them in sight. The walk was taken from graph nodes within 40 m only, else the straight
    /// line through the walls: a unit walking in from the south read 63 m straight and then 101 m by path as the south
    /// door came within 40 m — shown moving away, and its hold counted from before it stopped; from a side with no door
    /// it read the straight line to the very wall. Indoors a unit is still joined to the few nodes near it, and a unit
    /// in the threat's building whose fix its noise puts outside the walls is measured from the nearest point inside
    /// them, plus how far out the fix is, and on the threat's floor where its own is not known: an officer at the
    /// threat 2 m inside a wall with no door, his fixes outside it half the time, read the walk round to the door from
    /// there, 40-60 m, and was flagged as falling back. A fix outside within 3 m of the threat building's walls is
    /// measured by the straight line, 15 m out by the walk, and between by part of each: it may be an indoor fix thrown
    /// out. The board's walk is the whole walk from the fix.
    /// </summary>
    public const int WalksRoundCorners = 51;

    /// <summary>
    /// A holding unit that now stands plainly further out than where it stopped (15 m and three times its noise) says
    /// so: "holding 5 min at 176 m from the threat, 56 m further out than where it stopped". A radio every 30 s that
    /// walked 60 m back between two reports and stood again was "holding 5 min at 176 m", its walk back nowhere in
    /// its words: two reports are too few to show a unit moving away, as a burst of multipath is three.
    /// </summary>
    public const int FurtherOutInWords = 52;

    /// <summary>
    /// A unit whose latest fixes agree with each other at the end of a run in, short of the threat and outside its
    /// building, has stopped there: those fixes are no longer set aside as multipath because the line through the run
    /// would have carried it past the threat by then. A radio every 30 s that ran in and stopped 45 m out, outside the
    /// building, was flagged only once the run had left the few fixes its rate is measured over, three or four fixes
    /// after it stopped; it is now flagged on its second or third fix there.
    /// </summary>
    public const int StoppedShort = 53;

    /// <summary>
    /// A unit whose floor is not known is by the stairs where a stair node is among those its fix snaps to on any floor
    /// of the walk graph, not on the ground floor alone: its alert is a watch there, as a climber's is. One lingering by
    /// the stairs from the first floor up, which stood 30 m from the ground floor's, was alerted as holding.
    /// </summary>
    public const int StairsOnAnyFloor = 54;

    /// <summary>
    /// A unit whose device signed off (a TAK <c>t-x-d-d</c> naming the device, sent by ATAK when its user disconnects and
    /// by a TAK server for a client whose connection it lost) is stale from then until it reports again, whatever its
    /// last report said of how long its fix stands. An officer whose phone stopped at a door, said its fix stood 375 s,
    /// and was lost to the server as he went in was flagged as holding at that door.
    /// </summary>
    public const int SignedOffIsSilent = 55;

    /// <summary>
    /// A threat moved (or another become the nearest) while a unit holds: where the unit held is where it stands now,
    /// measured against the threat where it is. Its distances to where the threat was read as a walk: a commander's drag
    /// of the threat 100 m north had an officer standing still "86 m further out than where it stopped".
    /// </summary>
    public const int HoldFollowsTheThreat = 56;

    /// <summary>
    /// Under the sky, a hold is confirmed on a bound of 93 % on the tail from the unit's last progress and 95 % on the
    /// longer ones, where 95 % and 97.7 % are kept indoors: an app every 10-20 s that stopped in the open was flagged a
    /// fix after the minute.
    /// </summary>
    public const int OpenHoldBounds = 57;

    /// <summary>
    /// A unit in contact with a threat in no building stays there while its receiver says it stands still under the sky,
    /// wherever its fixes go: a tracker's burst of multipath 60 m off had an officer standing at the threat flagged as
    /// fallen back.
    /// </summary>
    public const int StillInContact = 58;

    /// <summary>
    /// A floor change since the last progress is the latest fix's altitude against the middle of the first three since,
    /// not the first alone: one barometer reading 2 m off as a unit stopped had its hold flagged two minutes late.
    /// </summary>
    public const int FloorFromTheMiddle = 59;

    /// <summary>
    /// A unit that walked off from contact by its receiver's word, back in contact on its fixes, must have walked back the
    /// way it went, not toward the threat from the middle of its fixes since the walk began: those are mostly from where
    /// it stood at the threat, and its walk off itself now and then read as a walk back (a phone's flag cleared seconds
    /// after it was raised, the officer still walking away).
    /// </summary>
    public const int BackTheWayItWent = 60;

    /// <summary>
    /// Under the sky, a unit whose receiver says its walk and that it stopped is in contact where that walk puts it, from
    /// a fix the fix before it and the walk between bear out; and stays there while the walk since keeps it within reach:
    /// a tracker's burst of multipath just as it reached the threat had the officer flagged "moving away, now 75 m from
    /// the threat" before his receiver had said for long that he stood still.
    /// </summary>
    public const int WalkedThere = 61;

    /// <summary>
    /// A unit kept in contact on its receiver's word whose latest fix is in contact again is said to be where that fix is:
    /// after a burst of multipath the middle of its last 30 s was still out with the burst, and the board read "arrived:
    /// 58 m from the threat … its device says it stands still" beside the fix 6 m from it.
    /// </summary>
    public const int SaidWhereItsFixIs = 62;

    /// <summary>
    /// A barometer's altitude shows a stair climb on one report a floor up (three quarters of one), or on two in a row
    /// half a floor up: half a metre of noise on one reading was half a floor off now and then, and a tracker holding
    /// for minutes was shown on the stairs, its hold ended and its flag now and then cleared as "closing at 0.4 m/s".
    /// </summary>
    public const int FloorOnTwoReports = 63;

    /// <summary>
    /// A unit that moved away and turns back (not one that fell back from contact) is judged from where it turned as
    /// the middle of its latest three remembered distances, not five: those lagged a slow device's retreat, and a radio
    /// every 20 s that turned back 280 m out had its progress counted from 248 m, its flag cleared a fix late.
    /// </summary>
    public const int TurnedOnThree = 64;

    /// <summary>
    /// A unit whose fixes put it in a building is heard on its receiver's word as one under the sky while that receiver
    /// has just said it stood still as only one under the sky does (three reports in a row over 10 s, each below a
    /// quarter of a metre a second): a unit waiting a few metres outside a wall, its fixes scattering inside, had its
    /// walk in at 1.1 m/s heard only once its receiver read 1.2 twice, as an indoor one's, and was cleared late.
    /// </summary>
    public const int HeardUnderTheSky = 65;

    /// <summary>
    /// A unit whose receiver, heard indoors, said its velocity at every report over the rate window (four at least) is
    /// not cleared on progress its fixes show while those reports add up to no walk toward the threat as long as their
    /// own error: officers standing 45 m down the hallway, their fixes 25-30 m off, were now and then cleared as
    /// "closing at 2.6 m/s, 40 m nearer than where it held", and flagged again.
    /// </summary>
    public const int WordGainsaysProgress = 66;

    /// <summary>
    /// A quick device's fix off its track is taken in where it lies on the track as it stood before its latest few
    /// fixes, and those took the track three times the unit's noise away: they were a burst of multipath its noise let
    /// in. Indoors the fixes after such a burst, back where the officer stood at the threat, were held back as the burst
    /// ("162 m off its track") while the burst stood for him, and he was flagged as fallen back.
    /// </summary>
    public const int BackFromBurst = 67;

    /// <summary>
    /// A unit whose receiver says it stands still on two reports in a row holds from the first, though its reports come
    /// every 30 s standing (ATAK over the mesh) and its fixes have begun to show the hold; and its hold grows with the
    /// clock between them. Learned on its walk in, its cadence of 5 s made each still report come after a silence, and it
    /// was flagged only on its fixes, straight to an alert a minute after it stopped, with no word of what its device said.
    /// </summary>
    public const int StillOnTheMesh = 68;

    /// <summary>
    /// A unit the board shows stale (silent beyond three of its usual intervals or what its last report said, or signed
    /// off) covers no zone: a hot zone or casualty collection point it was last placed in is judged without it from the
    /// moment it goes stale, on the clock's tick, and its flag names it ("; stale there: Medic 3 (last heard 3 min
    /// ago)"). It counts again from its next report inside. Before, a medic whose radio died in the collection point
    /// staffed it for as long as the incident ran, and the point was never flagged. How units are judged is unchanged.
    /// </summary>
    public const int StaleCoversNoZone = 69;

    /// <summary>
    /// A unit whose device's clock is first put right (its fix times moved by how far that clock is found to be off,
    /// after its first reports were taken as stamped) is judged afresh from that report, as after a start-over: its
    /// fixes before were timed by a clock now known wrong, and a flag raised on them clears, saying why ("its device's
    /// clock was put right by 4 min: judged afresh from here"). Before, a tracker 4 minutes slow that walked in at
    /// 1.5 m/s was flagged "holding 4 min" on its third report, straight to an alert: the span between its first fix,
    /// stamped by the slow clock, and its first fix put right was taken for a hold.
    /// </summary>
    public const int RetimedAfresh = 70;

    /// <summary>
    /// A unit heard again after a silence longer than its cadence allows (it was shown stale; before its cadence is known,
    /// longer than the longest a fix may stand), somewhere other than where it stood when last heard or saying it moves,
    /// is judged afresh from that report: its track starts there, progress counts from there,
    /// and a hold needs two fixes since to show, as a new unit's does. What it did unheard is not known. A flag raised
    /// before the silence stays up; heard again where it stood, it held through the silence. The silence is no interval
    /// of its cadence. Before, an officer walking in whose radio went unheard for 5 minutes (its host down) was heard
    /// again 27 m nearer and alerted at once as "holding 5 min"; another, heard again still walking in, as "holding 5
    /// min at 67 m" on his third report back; and a unit silent 15 minutes was held to report "every 899 s".
    /// </summary>
    public const int HeardAgainAfresh = 71;

    /// <summary>
    /// A unit's first report alone never has it arrived, wherever it falls: arrival takes two. Before, an officer
    /// standing 8 m outside the threat's building whose first report was thrown 6 m inside the wall, 14 m from the
    /// threat, was arrived on it, and then flagged as fallen back from a contact he never made, with a time to contact in
    /// the after-action report.
    /// </summary>
    public const int TwoReportsArrive = 72;

    /// <summary>
    /// A receiver stands still under the sky while one of four or more readings over the rate window reads up to half a
    /// metre a second, no walk, the rest below a quarter. A standing phone whose speed is off by a tenth of a metre a
    /// second on each axis reads above a quarter about one time in four over half a minute: before, one such reading
    /// (0.27 m/s) let two reports of an officer flagged holding outside, thrown through the wall, clear him as arrived.
    /// And a flag's words say of a backup that is not closing how far behind it stands ("nearest backup 20 m behind, not
    /// closing"), where they said how soon it would come level were it to move up ("nearest backup 10 s out").
    /// </summary>
    public const int OneReadingAboveStill = 73;

    /// <summary>What this build derives flags under.</summary>
    public const int Current = OneReadingAboveStill;

    /// <summary>True when this build derives flags under <paramref name="rules"/>; otherwise a session under them replays its recorded flags.</summary>
    public static bool Derives(int rules) => rules == Current;
}
