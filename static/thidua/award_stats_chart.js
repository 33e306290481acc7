/* Award statistics chart: individuals and collectives per row of the first table shown (years when
   the year table is there), stacked bars drawn with the vendored Chart.js from the data the page
   carries in a json_script element. The same figures are in the tables below it. */
(function () {
  "use strict";
  var source = document.getElementById("award-stats-chart-data");
  var canvas = document.getElementById("award-stats-chart");
  if (!source || !canvas || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = ["#1f5fa8", "#e0a800"];
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "vi",
    {maximumFractionDigits: 0});

  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (set, index) {
        return {label: set.label, data: set.values, backgroundColor: colours[index % colours.length]};
      })
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {legend: {position: "bottom"}},
      scales: {
        x: {stacked: true},
        y: {stacked: true, beginAtZero: true, ticks: {precision: 0, callback: function (value) {
          return numbers.format(value);
        }}}
      }
    }
  });
}());
