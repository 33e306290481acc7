/* Progress charts: reads the data the page carries in a json_script element and draws it with the
   vendored Chart.js. Labels arrive translated; the same figures are in a table under each chart. */
(function () {
  "use strict";
  var source = document.getElementById("progress-charts-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var palette = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f6000",
    "#c2185b", "#34495e", "#6d4c41"];
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "vi",
    {maximumFractionDigits: 2});

  function format(chart, value) {
    if (value === null || value === undefined) {
      return "—";
    }
    if (chart.yesNo) {
      return chart.yesNo[String(Math.round(value))] || numbers.format(value);
    }
    return numbers.format(value) + (chart.percent ? "%" : "");
  }

  function dataset(chart, set, index) {
    var target = set.role === "target";
    var colour = target ? "#495057" : set.role === "cluster" ? "#111111" : palette[index % palette.length];
    var drawn = {
      label: set.label,
      data: set.data,
      type: target ? "line" : chart.type,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: set.role === "cluster" ? 3 : 2,
      borderDash: target ? [8, 5] : [],
      pointRadius: target ? 0 : 4,
      pointHoverRadius: target ? 0 : 6,
      fill: false
    };
    if (target && chart.type === "bar") {
      // One period only: the target shows as a wide dash across the bars.
      drawn.showLine = false;
      drawn.pointStyle = "line";
      drawn.pointRadius = 40;
      drawn.pointHoverRadius = 40;
      drawn.borderWidth = 3;
    }
    return drawn;
  }

  function draw(chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) {
      return;
    }
    var y = {
      beginAtZero: true,
      title: {display: Boolean(chart.axis), text: chart.axis},
      ticks: {callback: function (value) { return format(chart, value); }}
    };
    if (chart.yesNo) {
      y.max = 1;
      y.ticks.stepSize = 1;
    } else if (chart.percent) {
      y.suggestedMax = 100;
    } else if (chart.whole) {
      y.ticks.precision = 0;
    }
    new Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (set, index) { return dataset(chart, set, index); })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: {position: "bottom"},
          tooltip: {callbacks: {label: function (item) {
            return item.dataset.label + ": " + format(chart, item.parsed.y);
          }}}
        },
        scales: {y: y}
      }
    });
  }

  JSON.parse(source.textContent).forEach(draw);
}());
