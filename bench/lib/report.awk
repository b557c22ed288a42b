# Prints the Markdown tables of bench/run.sh.
# Usage: awk -v failures=FAILURES.tsv [-v show_targets=0] -f report.awk FIGURES.tsv SAMPLES.tsv
#   show_targets=0 leaves the target column empty and skips the memory targets (smoke test)
#   FIGURES.tsv: id, table (speed, usage or setup), label, unit, better, target ratio ("<=0.8", ">=3" or "-")
#   SAMPLES.tsv: figure, registry (reference or ours), run, value; usage rows read rss:ID and cpu:ID
#   FAILURES.tsv: figure, registry, run, message

BEGIN {
    FS = "\t"
    if (show_targets == "") show_targets = 1
}

FNR == NR {
    rows++
    row_id[rows] = $1
    row_table[rows] = $2
    row_label[rows] = $3
    row_unit[rows] = $4
    row_better[rows] = $5
    row_target[rows] = $6
    next
}

{
    key = $1 SUBSEP $2
    count[key]++
    value[key, count[key]] = $4 + 0
}

# Sorts the samples of KEY into sorted[1..n] and returns n.
function sort_samples(key,    n, i, j, x) {
    n = count[key] + 0
    for (i = 1; i <= n; i++) {
        x = value[key, i]
        for (j = i - 1; j >= 1 && sorted[j] > x; j--) {
            sorted[j + 1] = sorted[j]
        }
        sorted[j + 1] = x
    }
    return n
}

function median(key,    n) {
    n = sort_samples(key)
    if (n == 0) return ""
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
}

function maximum(key,    n) {
    n = sort_samples(key)
    return n ? sorted[n] : ""
}

function number(x) {
    if (x == "") return "–"
    if (x >= 100) return sprintf("%.0f", x)
    if (x >= 10) return sprintf("%.1f", x)
    if (x >= 1) return sprintf("%.2f", x)
    return sprintf("%.3f", x)
}

# "min / median / max" of FIGURE on REGISTRY, or the value alone when there is one sample.
function spread(figure, registry,    key, n, middle) {
    key = figure SUBSEP registry
    middle = median(key)
    n = sort_samples(key)
    if (n == 0) return "–"
    if (n == 1) return number(sorted[1])
    return number(sorted[1]) " / " number(middle) " / " number(sorted[n])
}

function ratio_of(figure,    ours, reference) {
    ours = median(figure SUBSEP "ours")
    reference = median(figure SUBSEP "reference")
    if (ours == "" || reference == "" || reference == 0) return ""
    return ours / reference
}

function ratio_text(r) { return r == "" ? "–" : sprintf("%.2fx", r) }

function target_text(target, r,    bound, met) {
    if (!show_targets || target == "-" || target == "") return ""
    bound = substr(target, 3) + 0
    if (r == "") return sprintf("%s %sx: no data", substr(target, 1, 1) == "<" ? "≤" : "≥", bound)
    met = substr(target, 1, 1) == "<" ? r <= bound : r >= bound
    return sprintf("%s %sx: %s", substr(target, 1, 1) == "<" ? "≤" : "≥", bound, met ? "met" : "missed")
}

END {
    print "## Speed"
    print ""
    print "Each cell is min / median / max over the runs; the ratio divides the medians. \"better\" says"
    print "which direction is faster: a ratio below 1 is a lead for times, above 1 for rates."
    print ""
    print "| figure | unit | better | reference | ours | ours / reference | target |"
    print "|---|---|---|---|---|---|---|"
    for (i = 1; i <= rows; i++) {
        if (row_table[i] != "speed") continue
        id = row_id[i]
        r = ratio_of(id)
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", row_label[i], row_unit[i], row_better[i],
            spread(id, "reference"), spread(id, "ours"), ratio_text(r), target_text(row_target[i], r)
    }

    print ""
    print "## Memory and CPU of each registry process"
    print ""
    print "Peak RSS is VmHWM of /proc/PID/status, reset through /proc/PID/clear_refs before each workload;"
    print "idle is VmRSS after a pause at the start of each run. CPU is user + system time during the workload."
    print ""
    print "| workload | peak RSS, reference (MiB) | peak RSS, ours (MiB) | ours / reference | CPU, reference (s) | CPU, ours (s) | ours / reference |"
    print "|---|---|---|---|---|---|---|"
    highest_ours = ""
    highest_reference = ""
    for (i = 1; i <= rows; i++) {
        if (row_table[i] != "usage") continue
        id = row_id[i]
        rss = "rss:" id
        cpu = "cpu:" id
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", row_label[i],
            spread(rss, "reference"), spread(rss, "ours"), ratio_text(ratio_of(rss)),
            spread(cpu, "reference"), spread(cpu, "ours"), ratio_text(ratio_of(cpu))
        if (id == "idle") continue
        peak = maximum(rss SUBSEP "ours")
        if (peak != "" && (highest_ours == "" || peak > highest_ours)) highest_ours = peak
        peak = maximum(rss SUBSEP "reference")
        if (peak != "" && (highest_reference == "" || peak > highest_reference)) highest_reference = peak
    }
    idle_ours = median("rss:idle" SUBSEP "ours")
    idle_reference = median("rss:idle" SUBSEP "reference")
    print ""
    if (show_targets) {
        printf "- highest peak RSS over all workloads: ours %s MiB, reference %s MiB (target for ours ≤ 256 MiB: %s)\n",
            number(highest_ours), number(highest_reference), highest_ours == "" ? "no data" : highest_ours <= 256 ? "met" : "missed"
        printf "- idle RSS, median: ours %s MiB, reference %s MiB (target for ours ≤ 150 MiB: %s)\n",
            number(idle_ours), number(idle_reference), idle_ours == "" ? "no data" : idle_ours <= 150 ? "met" : "missed"
    } else {
        printf "- highest peak RSS over all workloads: ours %s MiB, reference %s MiB\n", number(highest_ours), number(highest_reference)
        # bench/s3.sh takes no idle samples.
        if (idle_ours != "" || idle_reference != "") {
            printf "- idle RSS, median: ours %s MiB, reference %s MiB\n", number(idle_ours), number(idle_reference)
        }
    }

    setup_header = 0
    for (i = 1; i <= rows; i++) {
        if (row_table[i] != "setup") continue
        if (!setup_header) {
            print ""
            print "## Setup, one sample per registry"
            print ""
            print "| figure | unit | reference | ours | ours / reference |"
            print "|---|---|---|---|---|"
            setup_header = 1
        }
        id = row_id[i]
        printf "| %s | %s | %s | %s | %s |\n", row_label[i], row_unit[i],
            spread(id, "reference"), spread(id, "ours"), ratio_text(ratio_of(id))
    }

    header = 0
    while ((getline line < failures) > 0) {
        if (!header) {
            print ""
            print "## Failed measurements"
            print ""
            print "| figure | registry | run | error |"
            print "|---|---|---|---|"
            header = 1
        }
        split(line, field, "\t")
        gsub(/\|/, "\\|", field[4])
        printf "| %s | %s | %s | %s |\n", field[1], field[2], field[3], field[4]
    }
}
